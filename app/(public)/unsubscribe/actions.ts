"use server";

import { z } from "zod";
import { EMAIL_CATEGORIES, verifyUnsubscribeToken } from "@/lib/email/unsubscribe";
import { emailCategoryInfo } from "@/lib/preferences/labels";
import { adjustWithToken, unsubscribeWithToken } from "@/lib/preferences/unsubscribe";

export type LinkFormState = { ok: true; message: string } | { ok: false; message: string } | null;

const invalid: LinkFormState = { ok: false, message: "This link is not valid any more. Open the link from your most recent email, or sign in to manage your preferences." };

// No session here: each action verifies the signed token itself.
export async function confirmUnsubscribe(_previous: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const claim = verifyUnsubscribeToken(formData.get("token"));
  if (!claim) return invalid;
  const result = await unsubscribeWithToken({ claim, source: "EMAIL_LINK" });
  if (!result.ok) return invalid;
  return { ok: true, message: `You are unsubscribed from ${emailCategoryInfo[claim.category].label.toLowerCase()}.` };
}

const adjustSchema = z.object(Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, z.boolean()])) as Record<(typeof EMAIL_CATEGORIES)[number], z.ZodBoolean>);

export async function adjustSubscriptions(_previous: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const claim = verifyUnsubscribeToken(formData.get("token"));
  if (!claim) return invalid;
  const parsed = adjustSchema.safeParse(Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, formData.get(category) === "on"])));
  if (!parsed.success) return { ok: false, message: "Please choose again." };
  const result = await adjustWithToken({ claim, update: { categories: parsed.data } });
  if (!result.ok) return invalid;
  return { ok: true, message: result.changes.length ? "Your email choices are saved." : "Nothing changed: these were already your choices." };
}
