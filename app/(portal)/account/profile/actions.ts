"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getRequestIp } from "@/lib/auth/request-ip";
import { emailChangeSchema, profileSchema, requestEmailChange, updateProfile } from "@/lib/correction/profile";
import { verifySession } from "@/lib/dal";

export type FormState =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors?: Partial<Record<string, string[]>>; values?: Record<string, string> }
  | null;

const PROFILE_FIELDS = ["name", "displayName", "phone", "company", "addressLine", "city", "postalCode", "country"] as const;

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export async function saveProfileAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await verifySession();
  const submitted = Object.fromEntries(PROFILE_FIELDS.map((name) => [name, field(formData, name).slice(0, 500)]));
  const parsed = profileSchema.safeParse(submitted);
  // The typed values go back so the form keeps them after React resets it.
  if (!parsed.success) return { ok: false, message: "Please fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors, values: submitted };
  await updateProfile({ viewer, input: parsed.data, ip: getRequestIp(await headers()) });
  revalidatePath("/account", "layout");
  return { ok: true, message: "Your details were saved." };
}

export async function changeEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await verifySession();
  const parsed = emailChangeSchema.safeParse({ newEmail: field(formData, "newEmail") });
  if (!parsed.success) return { ok: false, message: "Please fix the highlighted field.", fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { newEmail: field(formData, "newEmail").slice(0, 300) } };
  const result = await requestEmailChange({ viewer, newEmail: parsed.data.newEmail, ip: getRequestIp(await headers()) });
  if (!result.ok) {
    return result.code === "SAME"
      ? { ok: false, message: "That is already your email address.", fieldErrors: { newEmail: ["That is already your email address."] } }
      : { ok: false, message: "Too many changes in the last hour. Please try again later." };
  }
  revalidatePath("/account/profile");
  return { ok: true, message: `We sent a confirmation link to ${parsed.data.newEmail}. Your address changes when you open it. We also told your current address.` };
}
