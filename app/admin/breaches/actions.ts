"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction, ok } from "@/lib/actions";
import { saveBreachDraft, sendBreachNotice } from "@/lib/breaches/admin";
import { saveBreachSchema, sendBreachSchema } from "@/lib/breaches/schema";

export const saveBreachAction = adminAction(
  saveBreachSchema,
  async (input, { viewer, ip }) => {
    const { breachId, ...rest } = input;
    const saved = await saveBreachDraft({ admin: viewer, id: breachId || undefined, input: rest, ip });
    revalidatePath("/admin/breaches");
    if (!breachId) redirect(`/admin/breaches/${saved.id}?saved=1`);
    revalidatePath(`/admin/breaches/${saved.id}`);
    return ok("Draft saved. Check the preview below.");
  },
  { invalidMessage: "Please fix the highlighted fields." },
);

export const sendBreachAction = adminAction(
  sendBreachSchema,
  async (input, { viewer, ip }) => {
    const sent = await sendBreachNotice({
      admin: viewer,
      id: input.breachId,
      expectedRecipients: input.expectedRecipients,
      ip,
    });
    revalidatePath("/admin/breaches");
    revalidatePath(`/admin/breaches/${input.breachId}`);
    return ok(`Sending to ${sent.recipients} ${sent.recipients === 1 ? "person" : "people"}. Progress is below.`);
  },
  { stepUp: true },
);
