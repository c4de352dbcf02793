// Whether the person also wants emails about minor policy changes (substantive
// ones are always sent); a change goes into their preference history.
import "server-only";
import { prisma } from "../core/db";
import { now } from "../core/clock";
import { recordAudit } from "../audit/record";
import { getPolicyVersionIdNow, onOff, recordConsentChanges } from "./consent";

export async function getMinorNoticeOptIn(userId: string): Promise<boolean> {
  const row = await prisma.policyNoticePreference.findUnique({ where: { userId }, select: { minorChanges: true } });
  return row?.minorChanges ?? false;
}

/** Opts in or out of minor-change emails; the change goes into the person's preference history. */
export async function setMinorNoticeOptIn(options: { userId: string; enabled: boolean }) {
  const at = await now();
  const policyVersionId = await getPolicyVersionIdNow();
  await prisma.$transaction(async (tx) => {
    const before = await tx.policyNoticePreference.findUnique({
      where: { userId: options.userId },
      select: { minorChanges: true },
    });
    const wasEnabled = before?.minorChanges ?? false;
    await tx.policyNoticePreference.upsert({
      where: { userId: options.userId },
      create: { userId: options.userId, minorChanges: options.enabled, updatedAt: at },
      update: { minorChanges: options.enabled, updatedAt: at },
    });
    if (wasEnabled !== options.enabled) {
      await recordConsentChanges(tx, {
        userId: options.userId,
        source: "PORTAL",
        changes: [{ subject: "notices:minor", oldValue: onOff(wasEnabled), newValue: onOff(options.enabled) }],
        policyVersionId,
        at,
      });
    }
    await recordAudit(
      {
        action: "policy.minor-notices.set",
        actorId: options.userId,
        targetType: "User",
        targetId: options.userId,
        metadata: { enabled: options.enabled },
      },
      tx,
    );
  });
}
