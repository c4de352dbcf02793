// Input schemas of corrections: the profile form, a new sign-in address (and its
// emailed confirmation link), and a correction request about one item.
import { z } from "zod";
import { optionalText } from "../core/form";
import { availableLocales } from "../core/i18n/config";

export const profileSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Please keep your name under 100 characters."),
  displayName: optionalText(60, "Keep the display name under 60 characters."),
  phone: optionalText(40, "Keep the phone number under 40 characters.").refine(
    (value) => value === null || /^[+()\d\s.-]{5,40}$/.test(value),
    "Enter a phone number using digits, spaces, + ( ) - or .",
  ),
  company: optionalText(120, "Keep the company under 120 characters."),
  addressLine: optionalText(200, "Keep the address under 200 characters."),
  city: optionalText(100, "Keep the city under 100 characters."),
  postalCode: optionalText(20, "Keep the postal code under 20 characters."),
  country: optionalText(2, "Use the two-letter country code, e.g. US or DE.")
    .refine((value) => value === null || /^[A-Za-z]{2}$/.test(value), "Use the two-letter country code, e.g. US or DE.")
    .transform((value) => value?.toUpperCase() ?? null),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/**
 * The profile's language setting: one of ours, or "" (follow the browser). The pseudo-locale is
 * accepted too; the page offers it only where it is enabled (development or I18N_PSEUDO=on).
 */
export const localeSchema = z.object({
  locale: z
    .enum(["", ...availableLocales(true)], "errors.fields.locale")
    .transform((value) => (value === "" ? null : value)),
});

export const emailChangeSchema = z.object({
  newEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "That address is too long.")
    .pipe(z.email("Enter a valid email address.")),
});

export const emailChangeTokenSchema = z.object({ token: z.string().min(1).max(200) });

export const correctionSchema = z.object({
  dataset: z.string().trim().min(1).max(64),
  itemId: z.string().trim().min(1).max(200),
  details: z
    .string()
    .trim()
    .min(5, "Tell us what is wrong (at least 5 characters).")
    .max(2000, "Please keep it under 2,000 characters."),
  correctValue: z.string().trim().max(500, "Please keep it under 500 characters.").optional().default(""),
});
