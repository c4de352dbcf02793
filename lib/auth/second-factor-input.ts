// Inputs of the second-factor actions (enrolment at /admin-verify and the security page).
import { z } from "zod";

/** A WebAuthn answer from the browser, as JSON text. */
export const webauthnResponseSchema = z.string().min(2).max(20_000).transform((text, context) => {
  try {
    return JSON.parse(text);
  } catch {
    context.addIssue({ code: "custom", message: "That answer could not be read." });
    return z.NEVER;
  }
});

export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code from your app.");
