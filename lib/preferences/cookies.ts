// The visitor's cookie choice, kept in a first-party cookie so it works before
// and without sign-in; for a signed-in user it is also stored on the account
// with a ConsentEvent (source COOKIE_BANNER).
import "server-only";
import { prisma } from "../core/db";
import { ensurePreferences, getPolicyVersionIdNow, onOff, recordConsentChanges, type ConsentChange } from "./consent";

export const CONSENT_COOKIE = "cookie_consent";
export const CONSENT_MAX_AGE_SECONDS = 365 * 24 * 3600;

export type CookieChoice = { analytics: boolean; advertising: boolean };

/** Cookie value "v1.a1.d0" → choice; anything else → null (no choice yet). */
export function parseConsentCookie(value: string | undefined): CookieChoice | null {
  const match = value ? /^v1\.a([01])\.d([01])$/.exec(value) : null;
  return match ? { analytics: match[1] === "1", advertising: match[2] === "1" } : null;
}

export function serializeConsentCookie(choice: CookieChoice): string {
  return `v1.a${choice.analytics ? 1 : 0}.d${choice.advertising ? 1 : 0}`;
}

/** The cookie choice stored on the account (off until the person says yes). */
export async function getAccountCookieChoice(userId: string): Promise<CookieChoice> {
  const row = await prisma.userPreferences.findUnique({
    where: { userId },
    select: { analyticsCookies: true, advertisingCookies: true },
  });
  return { analytics: row?.analyticsCookies ?? false, advertising: row?.advertisingCookies ?? false };
}

export async function saveAccountCookieChoice(input: { userId: string; choice: CookieChoice }) {
  const policyVersionId = await getPolicyVersionIdNow();
  await prisma.$transaction(async (tx) => {
    const current = await ensurePreferences(tx, input.userId);
    const changes: ConsentChange[] = [];
    if (current.analyticsCookies !== input.choice.analytics)
      changes.push({
        subject: "cookies:analytics",
        oldValue: onOff(current.analyticsCookies),
        newValue: onOff(input.choice.analytics),
      });
    if (current.advertisingCookies !== input.choice.advertising)
      changes.push({
        subject: "cookies:advertising",
        oldValue: onOff(current.advertisingCookies),
        newValue: onOff(input.choice.advertising),
      });
    if (!changes.length) return;
    await tx.userPreferences.update({
      where: { userId: input.userId },
      data: { analyticsCookies: input.choice.analytics, advertisingCookies: input.choice.advertising },
    });
    await recordConsentChanges(tx, { userId: input.userId, source: "COOKIE_BANNER", changes, policyVersionId });
  });
}
