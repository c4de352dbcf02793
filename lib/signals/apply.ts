// Applies a browser opt-out signal to the signed-in account: analytics and
// advertising cookies off, optOutSignalAt set the first time, each change in
// the preference history with source BROWSER_SIGNAL. Conditional updates make
// it idempotent and safe when several requests carry the signal at once.
// Pages only read (getOptOutSignalState); the write runs in an action the
// page triggers, so rendering never writes.
import "server-only";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { getPolicyVersionIdNow, recordConsentChanges, type ConsentChange } from "../preferences/consent";
import type { BrowserSignals } from "./read";

/** Whether the account already honours the signal (and since when); one read. */
export async function getOptOutSignalState(userId: string): Promise<{ honouredAt: Date | null; isApplied: boolean }> {
  const current = await prisma.userPreferences.findUnique({
    where: { userId },
    select: { optOutSignalAt: true, analyticsCookies: true, advertisingCookies: true },
  });
  const isApplied = Boolean(current?.optOutSignalAt && !current.analyticsCookies && !current.advertisingCookies);
  return { honouredAt: current?.optOutSignalAt ?? null, isApplied };
}

export async function applyOptOutSignal(input: {
  userId: string;
  signals: BrowserSignals;
}): Promise<{ honouredAt: Date }> {
  const state = await getOptOutSignalState(input.userId);
  if (state.isApplied && state.honouredAt) return { honouredAt: state.honouredAt };

  const policyVersionId = await getPolicyVersionIdNow();
  const at = await now();
  const signalName = input.signals.gpc ? "Sec-GPC" : "DNT";
  return prisma.$transaction(async (tx) => {
    await tx.userPreferences.createMany({ data: [{ userId: input.userId }], skipDuplicates: true });
    const changes: ConsentChange[] = [];
    const first = await tx.userPreferences.updateMany({
      where: { userId: input.userId, optOutSignalAt: null },
      data: { optOutSignalAt: at },
    });
    if (first.count) changes.push({ subject: `signal:${signalName}`, oldValue: null, newValue: "honoured" });
    const analytics = await tx.userPreferences.updateMany({
      where: { userId: input.userId, analyticsCookies: true },
      data: { analyticsCookies: false },
    });
    if (analytics.count) changes.push({ subject: "cookies:analytics", oldValue: "on", newValue: "off" });
    const advertising = await tx.userPreferences.updateMany({
      where: { userId: input.userId, advertisingCookies: true },
      data: { advertisingCookies: false },
    });
    if (advertising.count) changes.push({ subject: "cookies:advertising", oldValue: "on", newValue: "off" });
    await recordConsentChanges(tx, { userId: input.userId, source: "BROWSER_SIGNAL", changes, policyVersionId, at });
    const after = await tx.userPreferences.findUniqueOrThrow({
      where: { userId: input.userId },
      select: { optOutSignalAt: true },
    });
    return { honouredAt: after.optOutSignalAt ?? at };
  });
}
