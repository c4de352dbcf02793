"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/auth/instance";
import { ok, publicAction } from "@/lib/actions";
import { consumeSignInAttempt } from "@/lib/auth/rate-limit";
import { sendSignInLink } from "@/lib/auth/magic-link";
import { signInSchema } from "@/lib/auth/schema";

function safeCallbackUrl(value: string | undefined): string {
  // Only same-site paths: never redirect to another origin after sign-in.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/account";
}

export const requestSignInLink = publicAction(
  signInSchema,
  async (input, { ip }) => {
    const email = input.email.toLowerCase();
    await consumeSignInAttempt(email, ip);
    // Known and unknown addresses take the same path: a link is always sent.
    await sendSignInLink(email, safeCallbackUrl(input.callbackUrl));
    redirect("/signin/check-email");
  },
  { echo: ["email"], invalidMessage: "Please check the form." },
);

export const signOutAction = publicAction(z.object({}), async () => {
  await signOut({ redirectTo: "/" });
  return ok("Signed out.");
});
