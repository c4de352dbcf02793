"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/dal";
import { EMAIL_CATEGORIES } from "@/lib/email/unsubscribe";
import { sendSampleEmail } from "@/lib/preferences/sample-mail";
import { updateEmailPreferences } from "@/lib/preferences/email";

export type EmailFormState = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: Record<string, string[]> } | null;

const preferencesSchema = z.object({
  PRODUCT_NEWS: z.boolean(),
  PROMOTIONS: z.boolean(),
  BLOG_COMMENTS: z.boolean(),
  trackingAllowed: z.boolean(),
});

const signedOut: EmailFormState = { ok: false, message: "Your session has ended. Sign in again to change your preferences." };

export async function saveEmailPreferences(_previous: EmailFormState, formData: FormData): Promise<EmailFormState> {
  const viewer = await getViewer();
  if (!viewer) return signedOut;
  const parsed = preferencesSchema.safeParse({
    PRODUCT_NEWS: formData.get("PRODUCT_NEWS") === "on",
    PROMOTIONS: formData.get("PROMOTIONS") === "on",
    BLOG_COMMENTS: formData.get("BLOG_COMMENTS") === "on",
    trackingAllowed: formData.get("trackingAllowed") === "on",
  });
  if (!parsed.success) return { ok: false, message: "Please choose again.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const { trackingAllowed, ...categories } = parsed.data;
  const changes = await updateEmailPreferences({ userId: viewer.userId, source: "PORTAL", update: { categories, trackingAllowed } });
  revalidatePath("/account/preferences/email");
  revalidatePath("/account/preferences/history");
  return { ok: true, message: changes.length ? `Saved. ${changes.length} change${changes.length === 1 ? "" : "s"} recorded in your preference history.` : "Nothing changed: these were already your choices." };
}

const sampleSchema = z.object({ category: z.enum(EMAIL_CATEGORIES) });

export async function sendSample(_previous: EmailFormState, formData: FormData): Promise<EmailFormState> {
  const viewer = await getViewer();
  if (!viewer) return signedOut;
  const parsed = sampleSchema.safeParse({ category: formData.get("category") });
  if (!parsed.success) return { ok: false, message: "Choose a topic.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const result = await sendSampleEmail({ userId: viewer.userId, category: parsed.data.category });
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, message: `Sent to ${viewer.email}. ${result.tracked ? "It includes an open-confirmation image, as you allowed." : "It has no open-confirmation image."}` };
}
