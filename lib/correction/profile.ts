// Direct corrections: name and contact details are edited by the person; a new
// sign-in email takes effect only when the new address confirms it by link,
// and the old address is told.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createElement } from "react";
import { findPersonRef } from "../audit/person-key";
import { recordAudit } from "../audit/record";
import { assertViewer, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { log } from "../core/log";
import { maskEmail } from "../email/mask";
import { prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { EmailChangeConfirmEmail } from "../email/templates/email-change-confirm";
import { EmailChangedNoticeEmail } from "../email/templates/email-changed-notice";
import { env } from "../core/env";
import { findPolicyVersionInForce } from "../policies/in-force";
import type { ProfileInput } from "./schema";

export const EMAIL_CHANGE_TTL_HOURS = 24;
const MAX_EMAIL_CHANGES_PER_HOUR = 5;

export async function getEditableProfile({ viewer }: { viewer: Viewer }) {
  const user = await prisma.user.findUnique({
    where: { id: viewer.userId },
    select: {
      name: true,
      email: true,
      locale: true,
      profile: {
        select: {
          displayName: true,
          phone: true,
          company: true,
          addressLine: true,
          city: true,
          postalCode: true,
          country: true,
          updatedAt: true,
        },
      },
    },
  });
  if (!user) return null;
  const pending = await prisma.pendingEmailChange.findFirst({
    where: { userId: viewer.userId, expiresAt: { gt: await now() } },
    orderBy: { createdAt: "desc" },
    select: { newEmail: true, expiresAt: true },
  });
  return { ...user, pendingEmail: pending };
}

export async function updateProfile(options: { viewer: Viewer; input: ProfileInput; ip?: string | null }) {
  const { viewer, input } = options;
  const { name, ...profile } = input;
  const policy = await findPolicyVersionInForce();
  await prisma.$transaction(async (tx) => {
    const before = await tx.profile.findUnique({ where: { userId: viewer.userId } });
    const beforeUser = await tx.user.findUnique({ where: { id: viewer.userId }, select: { name: true } });
    await tx.user.update({ where: { id: viewer.userId }, data: { name } });
    await tx.profile.upsert({
      where: { userId: viewer.userId },
      create: { userId: viewer.userId, ...profile, policyVersionId: policy?.id ?? null },
      update: profile,
    });
    const changed = Object.entries(profile)
      .filter(([key, value]) => (before as Record<string, unknown> | null)?.[key] !== value)
      .map(([key]) => key);
    if (beforeUser?.name !== name) changed.unshift("name");
    // Field names only: the audit log never holds the personal data itself.
    await auditProfileUpdate(tx, viewer, options.ip, { fields: changed });
  });
}

/**
 * The language the person chose (null: follow the browser). Saved on the account, so it wins
 * over the browser's cookie on every device and in emails; audited like any profile change.
 */
export async function updateLocale(options: { viewer: Viewer; locale: string | null; ip?: string | null }) {
  const { viewer, locale } = options;
  assertViewer(viewer);
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: viewer.userId }, select: { locale: true } });
    if (!before) throw new AppError("NOT_FOUND", { reason: "ACCOUNT" });
    if (before.locale === locale) return;
    await tx.user.update({ where: { id: viewer.userId }, data: { locale } });
    await auditProfileUpdate(tx, viewer, options.ip, { fields: ["locale"], locale });
  });
}

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export async function requestEmailChange(options: {
  viewer: Viewer;
  newEmail: string;
  ip?: string | null;
}): Promise<void> {
  const { viewer, newEmail } = options;
  assertViewer(viewer);
  const user = await prisma.user.findUnique({ where: { id: viewer.userId }, select: { email: true } });
  if (!user) throw new AppError("NOT_FOUND", { reason: "ACCOUNT" });
  if (user.email.toLowerCase() === newEmail)
    throw new AppError("CONFLICT", { reason: "SAME_EMAIL", field: "newEmail" });
  const at = await now();
  const actorRef = await findPersonRef(prisma, viewer.userId);
  const recent = actorRef
    ? await prisma.auditLog.count({
        where: { actorId: actorRef, action: "email.change_requested", at: { gt: new Date(at.getTime() - 3_600_000) } },
      })
    : 0;
  if (recent >= MAX_EMAIL_CHANGES_PER_HOUR) throw new AppError("LIMIT_REACHED", { reason: "EMAIL_CHANGES" });
  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    await tx.pendingEmailChange.deleteMany({ where: { userId: viewer.userId } });
    await tx.pendingEmailChange.create({
      data: {
        userId: viewer.userId,
        newEmail,
        tokenHash: hashToken(token),
        createdAt: at,
        expiresAt: new Date(at.getTime() + EMAIL_CHANGE_TTL_HOURS * 3_600_000),
      },
    });
    await recordAudit(
      {
        action: "email.change_requested",
        actorId: viewer.userId,
        targetType: "User",
        targetId: viewer.userId,
        ip: options.ip ?? null,
      },
      tx,
    );
  });
  // Whether or not another account uses the new address, the same thing
  // happens here, so this form cannot be used to find out who has an account.
  const url = `${env().APP_URL}/email-change/confirm?token=${token}`;
  await sendEmail({
    to: newEmail,
    subject: "Confirm your new email address",
    template: createElement(EmailChangeConfirmEmail, {
      url,
      companyName: env().COMPANY_NAME,
      hours: EMAIL_CHANGE_TTL_HOURS,
    }),
  });
  await sendEmail({
    to: user.email,
    subject: "A change of your sign-in email address was requested",
    template: createElement(EmailChangedNoticeEmail, {
      companyName: env().COMPANY_NAME,
      maskedNewEmail: maskEmail(newEmail),
      stage: "requested",
      accountUrl: `${env().APP_URL}/account/profile`,
    }),
  });
}

export type EmailChangeTokenState = { state: "valid"; newEmail: string } | { state: "expired" | "unknown" };

export async function getEmailChangeTokenState(token: string): Promise<EmailChangeTokenState> {
  if (!token || token.length > 200) return { state: "unknown" };
  const row = await prisma.pendingEmailChange.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { newEmail: true, expiresAt: true },
  });
  if (!row) return { state: "unknown" };
  if (row.expiresAt <= (await now())) return { state: "expired" };
  return { state: "valid", newEmail: row.newEmail };
}

/**
 * Uses a confirmation link (single use: the pending row is deleted even when the
 * change is refused). Throws NOT_FOUND / EXPIRED / CONFLICT (address taken).
 */
export async function confirmEmailChange(options: {
  token: string;
  ip?: string | null;
}): Promise<{ newEmail: string }> {
  const tokenHash = hashToken(options.token);
  const at = await now();
  const outcome = await prisma.$transaction(async (tx) => {
    // Deleting first makes the link single-use even under concurrent clicks.
    const pending = await tx.pendingEmailChange.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, newEmail: true, expiresAt: true, user: { select: { email: true } } },
    });
    if (!pending) return { failure: new AppError("NOT_FOUND", { reason: "EMAIL_CHANGE_LINK" }) };
    await tx.pendingEmailChange.deleteMany({ where: { id: pending.id } });
    if (pending.expiresAt <= at) return { failure: new AppError("EXPIRED", { reason: "EMAIL_CHANGE_LINK" }) };
    const taken = await tx.user.findFirst({
      where: { email: { equals: pending.newEmail, mode: "insensitive" }, NOT: { id: pending.userId } },
      select: { id: true },
    });
    if (taken) return { failure: new AppError("CONFLICT", { reason: "EMAIL_TAKEN" }) };
    await tx.user.update({ where: { id: pending.userId }, data: { email: pending.newEmail, emailVerified: at } });
    await tx.pendingEmailChange.deleteMany({ where: { userId: pending.userId } });
    await tx.verificationToken.deleteMany({ where: { identifier: pending.user.email } });
    await recordAudit(
      {
        action: "email.changed",
        actorId: pending.userId,
        targetType: "User",
        targetId: pending.userId,
        ip: options.ip ?? null,
      },
      tx,
    );
    return { newEmail: pending.newEmail, oldEmail: pending.user.email };
  });
  // Thrown after the transaction so that the spent link stays deleted.
  if ("failure" in outcome) throw outcome.failure;
  await sendEmail({
    to: outcome.oldEmail,
    subject: "Your sign-in email address was changed",
    template: createElement(EmailChangedNoticeEmail, {
      companyName: env().COMPANY_NAME,
      maskedNewEmail: maskEmail(outcome.newEmail),
      stage: "changed",
      accountUrl: `${env().APP_URL}/account/profile`,
    }),
  }).catch((error) => log.error("email-change notice to the old address failed", { error }));
  return { newEmail: outcome.newEmail };
}

/** One "profile.updated" audit row in the change's transaction (field names, never the data itself). */
function auditProfileUpdate(
  tx: Parameters<typeof recordAudit>[1],
  viewer: Viewer,
  ip: string | null | undefined,
  metadata: { fields: string[]; locale?: string | null },
) {
  return recordAudit(
    {
      action: "profile.updated",
      actorId: viewer.userId,
      targetType: "User",
      targetId: viewer.userId,
      ip: ip ?? null,
      metadata,
    },
    tx,
  );
}
