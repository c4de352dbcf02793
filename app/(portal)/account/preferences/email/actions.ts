"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, ok } from "@/lib/actions";
import { EMAIL_CATEGORIES } from "@/lib/email/unsubscribe";
import { updateEmailPreferences } from "@/lib/preferences/email";
import { sendSampleEmail } from "@/lib/preferences/sample-mail";
import { checkbox } from "@/lib/core/form";

const preferencesSchema = z.object({
  PRODUCT_NEWS: checkbox(),
  PROMOTIONS: checkbox(),
  BLOG_COMMENTS: checkbox(),
  trackingAllowed: checkbox(),
});

export const saveEmailPreferences = authedAction(preferencesSchema, async ({ trackingAllowed, ...categories }, { viewer }) => {
  const changes = await updateEmailPreferences({ userId: viewer.userId, source: "PORTAL", update: { categories, trackingAllowed } });
  revalidatePath("/account/preferences/email");
  revalidatePath("/account/preferences/history");
  return ok(changes.length ? `Saved. ${changes.length} change${changes.length === 1 ? "" : "s"} recorded in your preference history.` : "Nothing changed: these were already your choices.");
});

export const sendSample = authedAction(z.object({ category: z.enum(EMAIL_CATEGORIES, { message: "Choose a topic." }) }), async (input, { viewer }) => {
  const sent = await sendSampleEmail({ viewer, category: input.category });
  return ok(`Sent to ${viewer.email}. ${sent.tracked ? "It includes an open-confirmation image, as you allowed." : "It has no open-confirmation image."}`);
});
