// Which policy version governs data collected at a given moment (seed policy:
// "subject to the Privacy Policy in effect at the time such information is collected").
import { prisma } from "../db";
import { now } from "../clock";

export async function findPolicyVersionInForce(options: { slug?: string; at?: Date } = {}) {
  const at = options.at ?? (await now());
  return prisma.policyVersion.findFirst({
    where: {
      document: { slug: options.slug ?? "privacy" },
      status: "PUBLISHED",
      effectiveAt: { lte: at },
    },
    orderBy: { effectiveAt: "desc" },
    select: { id: true, version: true, effectiveAt: true },
  });
}
