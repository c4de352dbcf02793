// Everything a new account starts with: preferences with privacy-friendly
// defaults (no marketing, no tracking pixel) and the policy version it joined under.
import "server-only";
import { prisma } from "../db";
import { findPolicyVersionInForce } from "../policies/in-force";
import { recordAudit } from "../audit/record";

export async function initialiseNewAccount(userId: string) {
  const policy = await findPolicyVersionInForce();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { policyVersionId: policy?.id ?? null } });
    await tx.userPreferences.upsert({ where: { userId }, create: { userId }, update: {} });
    await recordAudit({ action: "account.created", actorId: userId, targetType: "User", targetId: userId }, tx);
  });
}
