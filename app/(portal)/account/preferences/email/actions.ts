"use server";

import { revalidatePath } from "next/cache";
import { authedAction, ok } from "@/lib/actions";
import { updateEmailPreferences } from "@/lib/preferences/email";
import { sendSampleEmail } from "@/lib/preferences/sample-mail";
import { emailPreferencesSchema, sampleEmailSchema } from "@/lib/preferences/schema";

export const saveEmailPreferences = authedAction(
  emailPreferencesSchema,
  async ({ trackingAllowed, ...categories }, { viewer }) => {
    const changes = await updateEmailPreferences({
      userId: viewer.userId,
      source: "PORTAL",
      update: { categories, trackingAllowed },
    });
    revalidatePath("/account/preferences/email");
    revalidatePath("/account/preferences/history");
    return ok(
      changes.length
        ? `Saved. ${changes.length} change${changes.length === 1 ? "" : "s"} recorded in your preference history.`
        : "Nothing changed: these were already your choices.",
    );
  },
);

export const sendSample = authedAction(sampleEmailSchema, async (input, { viewer }) => {
  const sent = await sendSampleEmail({ viewer, category: input.category });
  return ok(
    `Sent to ${viewer.email}. ${sent.tracked ? "It includes an open-confirmation image, as you allowed." : "It has no open-confirmation image."}`,
  );
});
