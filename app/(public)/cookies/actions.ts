"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { ok, publicAction } from "@/lib/actions";
import { env } from "@/lib/core/env";
import {
  CONSENT_COOKIE,
  CONSENT_MAX_AGE_SECONDS,
  saveAccountCookieChoice,
  serializeConsentCookie,
  type CookieChoice,
} from "@/lib/preferences/cookies";
import { cookieChoiceSchema } from "@/lib/preferences/schema";
import { applyOptOutSignal } from "@/lib/signals/apply";
import { readBrowserSignals } from "@/lib/signals/read";
import { isoDay } from "@/lib/core/format";
import { COOKIE_CHOICE_MARKER } from "@/lib/core/boot-script";

/** Saves the banner's choice for this browser and, when signed in, on the account. */
export const saveCookieChoice = publicAction(
  cookieChoiceSchema,
  async (input, { viewer }) => {
    // A browser opt-out signal wins over any click.
    const signals = readBrowserSignals(await headers());
    const choice: CookieChoice = signals.any ? { analytics: false, advertising: false } : input;
    const store = await cookies();
    store.set(CONSENT_COOKIE, serializeConsentCookie(choice), {
      path: "/",
      maxAge: CONSENT_MAX_AGE_SECONDS,
      sameSite: "lax",
      httpOnly: true,
      secure: env().APP_URL.startsWith("https://"),
    });
    // Readable, and says only that a choice exists: cached pages hide their banner at once (boot-script.ts).
    store.set(COOKIE_CHOICE_MARKER, "1", {
      path: "/",
      maxAge: CONSENT_MAX_AGE_SECONDS,
      sameSite: "lax",
      secure: env().APP_URL.startsWith("https://"),
    });
    // Withdrawing consent also removes what the scripts had set.
    if (!choice.analytics) store.delete("_pa_id");
    if (!choice.advertising) store.delete("_pa_ads");
    if (viewer) await saveAccountCookieChoice({ userId: viewer.userId, choice });
    return ok("Your cookie choice is saved.", choice);
  },
  { invalidMessage: "Choose again: that choice could not be read." },
);

/** Applies the DNT / Sec-GPC signal this request carries to the signed-in account (see SignalNotice). */
export const applyBrowserSignal = publicAction(z.object({}), async (_input, { viewer }) => {
  const signals = readBrowserSignals(await headers());
  if (!viewer || !signals.any) return ok("No opt-out signal to apply.");
  const { honouredAt } = await applyOptOutSignal({ userId: viewer.userId, signals });
  return ok(`Your browser's opt-out signal was honoured on ${isoDay(honouredAt)}.`);
});
