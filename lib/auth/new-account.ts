// Everything a new account starts with: preferences with privacy-friendly
// defaults (no marketing, no tracking pixel) and the policy version it joined under.
import "server-only";
import { prisma } from "../core/db";
import { findPolicyVersionInForce } from "../policies/in-force";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";

export async function initialiseNewAccount(userId: string) {
  const policy = await findPolicyVersionInForce();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { policyVersionId: policy?.id ?? null } });
    await tx.userPreferences.upsert({ where: { userId }, create: { userId }, update: {} });
    await recordAudit({ action: "account.created", actorId: userId, targetType: "User", targetId: userId }, tx);
  });
}

/** Whether a sign-in for this address would create an account (the confirm page then asks the age question). */
export async function isNewAccountAddress(email: string): Promise<boolean> {
  return !(await prisma.user.findUnique({ where: { email }, select: { id: true } }));
}

/** Records that the new account's holder answered the age question as 13 or older (the answer itself is not kept). */
export async function recordAgeConfirmed(email: string) {
  await prisma.user.updateMany({ where: { email, ageConfirmedAt: null }, data: { ageConfirmedAt: await now() } });
}
