// The only way a magic link signs anyone in: a POST from the confirm page.
// It checks the age answer for new accounts, then hands the token to Auth.js's
// email callback in-process (the public GET callback only redirects here).
import { NextRequest, NextResponse } from "next/server";
import { handlers } from "@/lib/auth/instance";
import { now } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { isUnderMinimumAge } from "@/lib/auth/age";
import { confirmSignInSchema } from "@/lib/auth/schema";
import { isNewAccountAddress, recordAgeConfirmed } from "@/lib/auth/new-account";
import { forgetSignInAttempts } from "@/lib/auth/rate-limit";
import { deleteVerificationTokens, getVerificationTokenState } from "@/lib/auth/verification-token";
import { isErasureUnderWay } from "@/lib/erasure/request";

/** Same-origin paths only (absolute same-origin URLs become paths); anything else goes to /account. */
function safeCallbackPath(value: string | undefined): string {
  if (!value) return "/account";
  try {
    const base = new URL(env().APP_URL);
    const url = new URL(value, base);
    return url.origin === base.origin ? `${url.pathname}${url.search}` : "/account";
  } catch {
    return "/account";
  }
}

function redirectTo(path: string) {
  return NextResponse.redirect(new URL(path, env().APP_URL), 303);
}

export async function POST(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(env().APP_URL).origin) {
    return NextResponse.json({ error: "Cross-site sign-in requests are not accepted." }, { status: 403 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ error: "Send the confirm form as form data." }, { status: 400 });
  }
  const raw = Object.fromEntries([...form.entries()].filter(([, value]) => value !== ""));
  const parsed = confirmSignInSchema.safeParse(raw);
  if (!parsed.success) return redirectTo("/signin/error?error=Verification");
  const { token, email, callbackUrl, birthYear, birthMonth } = parsed.data;

  const state = await getVerificationTokenState(email, token);
  if (state !== "valid") return redirectTo("/signin/error?error=Verification");

  // An account being erased cannot be signed into; once it is gone the address starts afresh.
  if (await isErasureUnderWay(email)) return redirectTo("/signin/error?error=AccountDeleting");
  const isNewAccount = await isNewAccountAddress(email);
  if (isNewAccount) {
    if (!birthYear || !birthMonth) {
      const back = new URLSearchParams({ token, email, error: "age" });
      if (callbackUrl) back.set("callbackUrl", callbackUrl);
      return redirectTo(`/signin/confirm?${back}`);
    }
    if (isUnderMinimumAge({ year: birthYear, month: birthMonth }, await now())) {
      // Keep nothing typed: the pending token holds the address, the limiter a hash of it.
      await deleteVerificationTokens(email);
      await forgetSignInAttempts(email);
      return redirectTo("/signin/too-young");
    }
  }

  const callback = new URL("/api/auth/callback/nodemailer", env().APP_URL);
  callback.searchParams.set("token", token);
  callback.searchParams.set("email", email);
  callback.searchParams.set("callbackUrl", safeCallbackPath(callbackUrl));
  const response = await handlers.GET(new NextRequest(callback, { headers: request.headers }));
  if (isNewAccount) await recordAgeConfirmed(email);
  // Auth.js answers 302; a 303 makes the browser follow with GET.
  const location = response.headers.get("location");
  if (location && response.status >= 300 && response.status < 400) {
    const next = NextResponse.redirect(location, 303);
    for (const cookie of response.headers.getSetCookie()) next.headers.append("set-cookie", cookie);
    return next;
  }
  return response;
}
