// Which policy version governs data collected at a given moment (seed policy:
// "subject to the Privacy Policy in effect at the time such information is collected").
import "server-only";
import { prisma } from "../core/db";
import { now } from "../core/clock";

/** Filter for published versions already effective at `at`; with NEWEST_EFFECTIVE_FIRST, the first one is in force. */
export function effectiveBy(at: Date) {
  return { status: "PUBLISHED" as const, effectiveAt: { lte: at } };
}

export const NEWEST_EFFECTIVE_FIRST = { effectiveAt: "desc" as const };

export type VersionState = "current" | "upcoming" | "superseded";

/** A published version's state at `at`, given which version is in force then. */
export function versionState(
  version: { version: number; effectiveAt: Date | null },
  currentVersion: number | null | undefined,
  at: Date,
): VersionState {
  if (version.version === currentVersion) return "current";
  return version.effectiveAt && version.effectiveAt > at ? "upcoming" : "superseded";
}

export async function findPolicyVersionInForce(options: { slug?: string; at?: Date } = {}) {
  const at = options.at ?? (await now());
  return prisma.policyVersion.findFirst({
    where: { document: { slug: options.slug ?? "privacy" }, ...effectiveBy(at) },
    orderBy: NEWEST_EFFECTIVE_FIRST,
    select: { id: true, version: true, effectiveAt: true },
  });
}
