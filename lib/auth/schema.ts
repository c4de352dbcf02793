// Input schemas of auth: the sign-in form, the confirm page's POST, and the second-factor
// actions (enrolment and verification at /admin-verify, changes on the admin security page).
import { z } from "zod";

export const signInSchema = z.object({
  email: z
    .string({ message: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  callbackUrl: z.string().max(500).optional(),
});

/** The confirm page's POST (app/api/auth/confirm): the emailed token, and the age answer for a new account. */
export const confirmSignInSchema = z.object({
  token: z.string().min(1).max(200),
  email: z.string().min(3).max(254),
  callbackUrl: z.string().max(2000).optional(),
  birthYear: z.coerce.number().int().min(1900).max(2100).optional(),
  birthMonth: z.coerce.number().int().min(1).max(12).optional(),
});

// ------------------------------------------------------------ second factor --

/** A WebAuthn answer from the browser, as JSON text. */
export const webauthnResponseSchema = z
  .string()
  .min(2)
  .max(20_000)
  .transform((text, context) => {
    try {
      return JSON.parse(text);
    } catch {
      context.addIssue({ code: "custom", message: "That answer could not be read." });
      return z.NEVER;
    }
  });

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code from your app.");

/** Options for a passkey ceremony: registering a new one or signing with one. */
export const passkeyOptionsSchema = z.object({ purpose: z.enum(["register", "authenticate"]) });

/** The browser's answer to a passkey ceremony. */
export const passkeyAnswerSchema = z.object({ response: webauthnResponseSchema });

/** A code from the authenticator app. */
export const totpCodeInputSchema = z.object({ code: totpCodeSchema });

export const recoveryCodeSchema = z.object({
  recoveryCode: z.string().trim().min(6, "Enter one of your recovery codes.").max(20),
});

export const removePasskeySchema = z.object({ id: z.string().min(1).max(400) });

/** Another admin's reset of an admin's every factor (the security page). */
export const resetAdminFactorsSchema = z.object({
  userId: z.string().min(1).max(100),
  reason: z
    .string()
    .trim()
    .min(10, "Say why, in 10 characters or more (for example how you confirmed who asked).")
    .max(300, "Keep the reason under 300 characters."),
  confirm: z.literal("on", { message: "Tick the box to confirm." }),
});
