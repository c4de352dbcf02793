"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { ok, publicAction } from "@/lib/actions";
import { consumeSignInAttempt } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

const signInSchema = z.object({
  email: z
    .string({ message: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  callbackUrl: z.string().max(500).optional(),
});

function safeCallbackUrl(value: string | undefined): string {
  // Only same-site paths: never redirect to another origin after sign-in.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/account";
}

export const requestSignInLink = publicAction(
  signInSchema,
  async (input, { ip }) => {
    const email = input.email.toLowerCase();
    await consumeSignInAttempt(email, ip);
    try {
      // Known and unknown addresses take the same path: a link is always sent.
      await signIn("nodemailer", { email, redirect: false, redirectTo: safeCallbackUrl(input.callbackUrl) });
    } catch (error) {
      log.error("sign-in link could not be sent", { error });
      throw new AppError("UNAVAILABLE", { reason: "SIGN_IN_EMAIL", cause: error });
    }
    redirect("/signin/check-email");
  },
  { echo: ["email"], invalidMessage: "Please check the form." },
);

export const signOutAction = publicAction(z.object({}), async () => {
  await signOut({ redirectTo: "/" });
  return ok("Signed out.");
});
