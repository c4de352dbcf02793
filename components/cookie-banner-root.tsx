// Server half of the cookie banner: reads the stored choice and the browser's
// opt-out signals on every request and hands them to the client banner.
import { cookies, headers } from "next/headers";
import { CONSENT_COOKIE, parseConsentCookie } from "@/lib/preferences/cookies";
import { describeSignals, readBrowserSignals } from "@/lib/signals/read";
import { CookieBanner } from "./cookie-banner";

export async function CookieConsent() {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const signals = readBrowserSignals(headerList);
  return <CookieBanner initialChoice={parseConsentCookie(cookieStore.get(CONSENT_COOKIE)?.value)} signal={signals.any ? describeSignals(signals) : null} />;
}
