// Sends a magic sign-in link through Auth.js. Auth.js reports a failed send by
// returning its error page's address rather than throwing; both become an
// UNAVAILABLE AppError, so a person is told the email did not go out.
import "server-only";
import { signIn } from "@/lib/auth/instance";
import { AppError } from "../core/errors";
import { log } from "../core/log";

export async function sendSignInLink(email: string, redirectTo: string): Promise<void> {
  let result: unknown;
  try {
    result = await signIn("nodemailer", { email, redirect: false, redirectTo });
  } catch (error) {
    log.error("sign-in link could not be sent", { error });
    throw new AppError("UNAVAILABLE", { reason: "SIGN_IN_EMAIL", cause: error });
  }
  if (typeof result === "string" && /[?&]error=/.test(result)) {
    log.error("sign-in link could not be sent", { error: new URL(result, "http://x").searchParams.get("error") });
    throw new AppError("UNAVAILABLE", { reason: "SIGN_IN_EMAIL" });
  }
}
