"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction, ok } from "@/lib/actions";
import { saveBreachDraft, sendBreachNotice } from "@/lib/breaches/admin";
import { breachSchema } from "@/lib/breaches/schema";
import { id } from "@/lib/core/form";

export const saveBreachAction = adminAction(
  z.object({ breachId: z.string().max(64).optional() }).and(breachSchema),
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
  z.object({
    breachId: id(),
    expectedRecipients: z.coerce.number().int().min(0),
    confirm: z.literal("on", { message: "Tick the box to confirm: the notice goes out to every person counted above and cannot be changed." }),
  }),
  async (input, { viewer, ip }) => {
    const sent = await sendBreachNotice({ admin: viewer, id: input.breachId, expectedRecipients: input.expectedRecipients, ip });
    revalidatePath("/admin/breaches");
    revalidatePath(`/admin/breaches/${input.breachId}`);
    return ok(`Sending to ${sent.recipients} ${sent.recipients === 1 ? "person" : "people"}. Progress is below.`);
  },
  { stepUp: true },
);
