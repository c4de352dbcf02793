// Server half of the cookie banner: reads the stored choice and the browser's
// opt-out signals on every request and hands them to the client banner.
import { cookies, headers } from "next/headers";
import { CONSENT_COOKIE, parseConsentCookie, type CookieChoice } from "@/lib/preferences/cookies";
import { describeSignals, readBrowserSignals } from "@/lib/signals/read";
import type { Action } from "@/lib/actions";
import { CookieBanner } from "./cookie-banner";

export async function CookieConsent(props: { saveChoice: Action<CookieChoice> }) {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const signals = readBrowserSignals(headerList);
  return (
    <CookieBanner
      initialChoice={parseConsentCookie(cookieStore.get(CONSENT_COOKIE)?.value)}
      signal={signals.any ? describeSignals(signals) : null}
      saveChoice={props.saveChoice}
    />
  );
}
