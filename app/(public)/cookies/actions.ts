"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { getViewer } from "@/lib/dal";
import { env } from "@/lib/env";
import { CONSENT_COOKIE, CONSENT_MAX_AGE_SECONDS, saveAccountCookieChoice, serializeConsentCookie, type CookieChoice } from "@/lib/preferences/cookies";
import { readBrowserSignals } from "@/lib/signals/read";

const choiceSchema = z.object({ analytics: z.boolean(), advertising: z.boolean() });

export type CookieChoiceResult = { ok: true; choice: CookieChoice } | { ok: false; message: string };

/** Saves the banner's choice for this browser and, when signed in, on the account. */
export async function saveCookieChoice(input: unknown): Promise<CookieChoiceResult> {
  const parsed = choiceSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Choose again: that choice could not be read." };
  // A browser opt-out signal wins over any click.
  const signals = readBrowserSignals(await headers());
  const choice: CookieChoice = signals.any ? { analytics: false, advertising: false } : parsed.data;
  const store = await cookies();
  store.set(CONSENT_COOKIE, serializeConsentCookie(choice), {
    path: "/",
    maxAge: CONSENT_MAX_AGE_SECONDS,
    sameSite: "lax",
    httpOnly: true,
    secure: env().APP_URL.startsWith("https://"),
  });
  // Withdrawing consent also removes what the scripts had set.
  if (!choice.analytics) store.delete("_pa_id");
  if (!choice.advertising) store.delete("_pa_ads");
  const viewer = await getViewer();
  if (viewer) await saveAccountCookieChoice({ userId: viewer.userId, choice });
  return { ok: true, choice };
}
