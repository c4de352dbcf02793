"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { consumeSignInAttempt } from "@/lib/auth/rate-limit";
import { getRequestIp } from "@/lib/auth/request-ip";

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  callbackUrl: z.string().optional(),
});

export type SignInState = { ok: false; message: string; fieldErrors?: { email?: string[] }; email?: string } | null;

function safeCallbackUrl(value: string | undefined): string {
  // Only same-site paths: never redirect to another origin after sign-in.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/account";
}

export async function requestSignInLink(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: formData.get("email"),
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return { ok: false, message: "Please check the form.", fieldErrors: { email: fieldErrors.email }, email: String(formData.get("email") ?? "") };
  }
  const email = parsed.data.email.toLowerCase();
  const limit = await consumeSignInAttempt(email, getRequestIp(await headers()));
  if (!limit.ok) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    return {
      ok: false,
      email,
      message:
        limit.scope === "email"
          ? `Too many sign-in links were requested for this address. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`
          : `Too many sign-in attempts from your network. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    };
  }
  try {
    // Known and unknown addresses take the same path: a link is always sent.
    await signIn("nodemailer", { email, redirect: false, redirectTo: safeCallbackUrl(parsed.data.callbackUrl) });
  } catch (error) {
    console.error("sign-in link could not be sent", error instanceof Error ? error.message : error);
    return { ok: false, email, message: "We could not send the email just now. Please try again in a few minutes." };
  }
  redirect("/signin/check-email");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
