"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction, ok } from "@/lib/actions";
import { createLegalRequest, notifyLegalRequestNow } from "@/lib/legal/admin";
import { legalRequestSchema, notifyLegalRequestSchema } from "@/lib/legal/schema";
import { forgetPublicRequestMetrics } from "@/lib/metrics/public";

export const createLegalRequestAction = adminAction(
  legalRequestSchema,
  async (input, { viewer, ip }) => {
    const created = await createLegalRequest({ admin: viewer, input, ip });
    revalidatePath("/admin/legal-requests");
    forgetPublicRequestMetrics(); // /privacy/metrics counts it at once here, elsewhere within a minute

    redirect(`/admin/legal-requests/${created.id}?created=${created.notified ? "notified" : "prohibited"}`);
  },
  { invalidMessage: "Please fix the highlighted fields." },
);

export const notifyLegalRequestAction = adminAction(notifyLegalRequestSchema, async (input, { viewer, ip }) => {
  const result = await notifyLegalRequestNow({ admin: viewer, id: input.legalRequestId, ip });
  revalidatePath("/admin/legal-requests");
  revalidatePath(`/admin/legal-requests/${input.legalRequestId}`);
  return ok(`Told ${result.people} ${result.people === 1 ? "person" : "people"} by email and in their privacy center.`);
});
