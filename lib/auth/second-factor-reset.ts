// Break-glass: an admin who lost every factor and recovery code is reset by another admin
// who passed their own second factor within the step-up window (never their own factors),
// or, for the very last admin, from the server's command line (scripts/reset-admin-2fa.ts).
// The reset removes every passkey, the authenticator app and the recovery codes, and ends
// the second-factor mark of every session of that admin; it is audited (`admin.2fa.reset`)
// and emailed to the admin (and to the admin who did it). The admin then enrols again.
import "server-only";
import { recordAudit } from "../audit/record";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { getSecondFactorState, isStepUpFresh, STEP_UP_MINUTES, type SessionRef } from "./second-factor";
import { sendSecondFactorNotice } from "./second-factor-notice";
import { assertAdmin, type Viewer } from "../core/viewer";

export type AdminSecondFactor = {
  userId: string;
  email: string;
  name: string | null;
  hasTotp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
  isYou: boolean;
};

/** The privacy team with what protects each member's access (no secrets), for the security page. */
export async function listAdminSecondFactors({ admin }: { admin: Viewer }): Promise<AdminSecondFactor[]> {
  assertAdmin(admin);
  const admins = await prisma.user.findMany({
    where: { role: "ADMIN" },
    orderBy: { email: "asc" },
    take: 500,
    select: {
      id: true,
      email: true,
      name: true,
      totpCredential: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  return admins.map((member) => ({
    userId: member.id,
    email: member.email,
    name: member.name,
    hasTotp: Boolean(member.totpCredential?.confirmedAt),
    passkeys: member._count.passkeys,
    recoveryCodesLeft: member._count.recoveryCodes,
    isYou: member.id === admin.userId,
  }));
}

type ResetBy = { kind: "admin"; viewer: Viewer; session: SessionRef; ip?: string | null } | { kind: "command-line" };

/**
 * Removes every factor and recovery code of the admin `target` (a user id, or an address for
 * the command line). By an admin: only with their own step-up, never for themselves.
 */
export async function resetAdminSecondFactor(options: {
  by: ResetBy;
  target: { userId: string } | { email: string };
  reason: string;
}): Promise<{ email: string; emailed: boolean }> {
  const { by } = options;
  if (by.kind === "admin") {
    assertAdmin(by.viewer);
    const { passedAt } = await getSecondFactorState(by.session.sessionToken, by.viewer.userId);
    if (!(await isStepUpFresh(passedAt)))
      throw new AppError("FORBIDDEN", { reason: "STEP_UP_REQUIRED", params: { minutes: STEP_UP_MINUTES } });
  }
  const where =
    "userId" in options.target ? { id: options.target.userId } : { email: options.target.email.trim().toLowerCase() };
  const target = await prisma.user.findFirst({ where: { ...where, role: "ADMIN" }, select: { id: true, email: true } });
  if (!target) throw new AppError("NOT_FOUND", { reason: "ADMIN" });
  if (by.kind === "admin" && target.id === by.viewer.userId)
    throw new AppError("FORBIDDEN", { reason: "RESET_OWN_SECOND_FACTOR" });

  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${target.id} FOR UPDATE`;
    const [totp, passkeys, recoveryCodes] = await Promise.all([
      tx.totpCredential.deleteMany({ where: { userId: target.id } }),
      tx.passkeyCredential.deleteMany({ where: { userId: target.id } }),
      tx.recoveryCode.deleteMany({ where: { userId: target.id } }),
    ]);
    await tx.session.updateMany({
      where: { userId: target.id },
      data: { secondFactorAt: null, webauthnChallenge: null },
    });
    await recordAudit(
      {
        action: "admin.2fa.reset",
        actorId: by.kind === "admin" ? by.viewer.userId : null,
        targetType: "User",
        targetId: target.id,
        ip: by.kind === "admin" ? (by.ip ?? null) : null,
        metadata: {
          via: by.kind === "admin" ? "admin" : "cli",
          reason: options.reason.slice(0, 300),
          totp: totp.count,
          passkeys: passkeys.count,
          recoveryCodes: recoveryCodes.count,
        },
      },
      tx,
    );
  });
  const emailed = await sendSecondFactorNotice(target.email, {
    kind: "reset",
    by: by.kind === "admin" ? by.viewer.email : null,
  });
  if (by.kind === "admin")
    await sendSecondFactorNotice(by.viewer.email, { kind: "reset_by_you", target: target.email });
  return { email: target.email, emailed };
}
