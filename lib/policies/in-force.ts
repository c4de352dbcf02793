// Which policy version governs data collected at a given moment (seed policy:
// "subject to the Privacy Policy in effect at the time such information is collected").
import { prisma } from "../db";

export async function findPolicyVersionInForce(options: { slug?: string; at?: Date } = {}) {
  return prisma.policyVersion.findFirst({
    where: {
      document: { slug: options.slug ?? "privacy" },
      status: "PUBLISHED",
      effectiveAt: { lte: options.at ?? new Date() },
    },
    orderBy: { effectiveAt: "desc" },
    select: { id: true, version: true, effectiveAt: true },
  });
}
