// The privacy team's second factor (OWASP ASVS 5.0 V6): a passkey (WebAuthn) or an
// authenticator app (TOTP), plus 10 single-use recovery codes. Passing it marks the current
// database session (Session.secondFactorAt); admin pages, actions and routes require that
// mark, and destructive actions require it within the last STEP_UP_MINUTES.
//
// Holding the admin's mailbox (a signed-in session) is never enough to change a factor: an
// admin with no confirmed factor may enrol, but once one exists, adding a passkey, replacing
// or removing the authenticator app, removing a passkey and making new recovery codes need
// this session's mark from the existing factor (or a recovery code) within the step-up
// window, and none of them refreshes the mark. A replacement TOTP secret stays pending and
// never touches the confirmed one until a code from it is confirmed. Every change and every
// recovery-code use is audited and emailed to the admin; failures are rate-limited per admin.
// An admin who lost every factor is reset by another admin (lib/auth/second-factor-reset.ts).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoUint8Array } from "@simplewebauthn/server/helpers";
import { generateSecret, generateURI, verify as verifyTotpCode } from "otplib";
import QRCode from "qrcode";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { isoDay } from "../core/format";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { seal, unseal } from "../core/sealed";
import { consumeLimit, peekLimit } from "./rate-limit";
import { sendSecondFactorNotice } from "./second-factor-notice";
import { assertAdmin, type Viewer } from "../core/viewer";

export const STEP_UP_MINUTES = 10;
const RECOVERY_CODES = 10;
const FAILURES = { prefix: "second-factor-failures", points: 5, seconds: 15 * 60, reason: "SECOND_FACTOR_ATTEMPTS" };

export type SessionRef = { sessionToken: string };
type Context = { viewer: Viewer; session: SessionRef; ip?: string | null };
type Db = Prisma.TransactionClient | PrismaClient;
type Tx = Prisma.TransactionClient;
export type FactorMethod = "passkey" | "totp";

const rpId = () => new URL(env().APP_URL).hostname;
const origin = () => new URL(env().APP_URL).origin;
const hashCode = (code: string) =>
  createHash("sha256")
    .update(code.replace(/[^a-z0-9]/gi, "").toLowerCase())
    .digest("hex");

export async function getEnrolment(userId: string) {
  const [totp, passkeys, codes] = await Promise.all([
    prisma.totpCredential.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma.passkeyCredential.findMany({
      where: { userId },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return {
    hasTotp: Boolean(totp?.confirmedAt),
    passkeys,
    recoveryCodesLeft: codes,
    isEnrolled: Boolean(totp?.confirmedAt) || passkeys.length > 0,
  };
}

/** How many confirmed factors the admin has (an app counts once, each passkey once). */
export async function countFactors(db: Db, userId: string): Promise<{ totp: number; passkeys: number }> {
  const totp = await db.totpCredential.count({ where: { userId, confirmedAt: { not: null } } });
  const passkeys = await db.passkeyCredential.count({ where: { userId } });
  return { totp, passkeys };
}

async function sessionOf(db: Db, context: Context) {
  const session = await db.session.findFirst({
    where: { sessionToken: context.session.sessionToken, userId: context.viewer.userId },
    select: { id: true, secondFactorAt: true, webauthnChallenge: true },
  });
  if (!session) throw new AppError("UNAUTHENTICATED");
  return session;
}

/** Refuses when too many attempts failed recently (checked before a code is even looked at). */
async function assertNotLockedOut(userId: string) {
  if ((await peekLimit(FAILURES, userId)) >= FAILURES.points)
    throw new AppError("LIMIT_REACHED", {
      reason: "SECOND_FACTOR_ATTEMPTS",
      params: { retryAfterSeconds: FAILURES.seconds },
    });
}

async function fail(context: Context, method: string): Promise<never> {
  await recordAudit({
    action: "admin.2fa.failed",
    actorId: context.viewer.userId,
    targetType: "User",
    targetId: context.viewer.userId,
    ip: context.ip ?? null,
    metadata: { method },
  });
  await consumeLimit(FAILURES, context.viewer.userId).catch(() => undefined);
  throw new AppError("VALIDATION", {
    reason: "SECOND_FACTOR_WRONG",
    field: method === "recovery" ? "recoveryCode" : method === "totp" ? "code" : undefined,
  });
}

/** Marks this session as having passed the second factor now. */
async function passed(context: Context, method: string, action = "admin.2fa.verified") {
  const at = await now();
  await prisma.$transaction(async (tx) => {
    await tx.session.updateMany({
      where: { sessionToken: context.session.sessionToken, userId: context.viewer.userId },
      data: { secondFactorAt: at, webauthnChallenge: null },
    });
    await recordAudit(
      {
        action,
        actorId: context.viewer.userId,
        targetType: "User",
        targetId: context.viewer.userId,
        ip: context.ip ?? null,
        metadata: { method },
      },
      tx,
    );
  });
}

async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(5).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashCode(code) })) });
  return codes;
}

/** A changed or removed factor ends the second-factor mark of the admin's other sessions. */
async function endOtherMarks(tx: Tx, context: Context) {
  await tx.session.updateMany({
    where: { userId: context.viewer.userId, NOT: { sessionToken: context.session.sessionToken } },
    data: { secondFactorAt: null, webauthnChallenge: null },
  });
}

function audit(tx: Tx, context: Context, action: string, metadata: Prisma.InputJsonValue) {
  return recordAudit(
    {
      action,
      actorId: context.viewer.userId,
      targetType: "User",
      targetId: context.viewer.userId,
      ip: context.ip ?? null,
      metadata,
    },
    tx,
  );
}

export async function isStepUpFresh(passedAt: Date | null): Promise<boolean> {
  return Boolean(passedAt) && (await now()).getTime() - passedAt!.getTime() <= STEP_UP_MINUTES * 60_000;
}

type Change = { tx: Tx; first: boolean; at: Date; session: Awaited<ReturnType<typeof sessionOf>> };

/**
 * Runs a change of the viewer's own factors, one at a time per admin (a row lock on the
 * user). With no confirmed factor yet it is the first enrolment; otherwise this session must
 * have passed the existing factor (or a recovery code) within STEP_UP_MINUTES. Refusals are
 * audited (`admin.2fa.change_refused`): they are what someone holding only the mailbox tries.
 */
async function changeOwnFactors<T>(
  context: Context,
  attempt: string,
  change: (state: Change) => Promise<T>,
): Promise<T> {
  assertAdmin(context.viewer);
  const userId = context.viewer.userId;
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const session = await sessionOf(tx, context);
    const factors = await countFactors(tx, userId);
    const first = factors.totp + factors.passkeys === 0;
    if (!first && !(await isStepUpFresh(session.secondFactorAt))) return { refused: true as const };
    return { refused: false as const, value: await change({ tx, first, at: await now(), session }) };
  });
  if (outcome.refused) {
    await recordAudit({
      action: "admin.2fa.change_refused",
      actorId: userId,
      targetType: "User",
      targetId: userId,
      ip: context.ip ?? null,
      metadata: { attempt },
    });
    throw new AppError("FORBIDDEN", { reason: "STEP_UP_REQUIRED", params: { minutes: STEP_UP_MINUTES } });
  }
  return outcome.value;
}

// ---------------------------------------------------------------- TOTP ----

/**
 * Starts setting up an authenticator app (first enrolment, adding one, or replacing the one
 * in use): a new pending secret, as a QR code and as text. The confirmed secret is untouched.
 */
export async function startTotpEnrolment(context: Context) {
  const secret = generateSecret();
  await changeOwnFactors(context, "totp.start", async ({ tx }) => {
    const sealed = seal("totp", secret);
    await tx.totpCredential.upsert({
      where: { userId: context.viewer.userId },
      create: { userId: context.viewer.userId, pendingSecretSealed: sealed },
      update: { pendingSecretSealed: sealed },
    });
  });
  const uri = generateURI({ issuer: `${env().COMPANY_NAME} Privacy Center`, label: context.viewer.email, secret });
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/** The RFC 6238 time step `code` belongs to for `secret`, or null when it is not valid now (or not after `afterStep`). */
async function totpStep(secret: string | null, code: string, afterStep: number | null): Promise<number | null> {
  if (!secret || !/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor((await now()).getTime() / 1000);
  const result = await verifyTotpCode({
    secret,
    token: code,
    epoch,
    epochTolerance: 30,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  if (!result.valid) return null;
  return Math.floor(epoch / 30) + result.delta;
}

/**
 * A code from the app confirms the pending secret, which then becomes the one in use. The
 * first enrolment passes the factor for this session and returns the recovery codes (shown
 * once); adding or replacing an app (step-up) does neither.
 */
export async function confirmTotpEnrolment(
  context: Context & { code: string },
): Promise<{ recoveryCodes: string[]; outcome: "enrolled" | "added" | "replaced" }> {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const userId = context.viewer.userId;
  const result = await changeOwnFactors(context, "totp.confirm", async ({ tx, first, at, session }) => {
    const credential = await tx.totpCredential.findUnique({ where: { userId } });
    if (!credential?.pendingSecretSealed) return { state: "not-started" as const };
    const step = await totpStep(unseal("totp", credential.pendingSecretSealed), context.code, null);
    if (step === null) return { state: "wrong" as const };
    const replaced = Boolean(credential.confirmedAt);
    await tx.totpCredential.update({
      where: { userId },
      data: {
        secretSealed: credential.pendingSecretSealed,
        pendingSecretSealed: null,
        confirmedAt: at,
        lastStep: step,
      },
    });
    if (first)
      await tx.session.update({ where: { id: session.id }, data: { secondFactorAt: at, webauthnChallenge: null } });
    if (replaced) await endOtherMarks(tx, context);
    await audit(tx, context, first ? "admin.2fa.enrolled" : replaced ? "admin.2fa.replaced" : "admin.2fa.added", {
      method: "totp",
    });
    return {
      state: "done" as const,
      first,
      replaced,
      recoveryCodes: first ? await issueRecoveryCodes(tx, userId) : [],
    };
  });
  if (result.state === "not-started") throw new AppError("INVALID_STATE", { reason: "TOTP_NOT_STARTED" });
  if (result.state === "wrong") return fail(context, "totp");
  const outcome = result.first ? "enrolled" : result.replaced ? "replaced" : "added";
  await sendSecondFactorNotice(context.viewer.email, { kind: outcome, method: "totp" });
  return { recoveryCodes: result.recoveryCodes, outcome };
}

export async function verifyTotp(context: Context & { code: string }) {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const credential = await prisma.totpCredential.findUnique({ where: { userId: context.viewer.userId } });
  const secret = credential?.confirmedAt && credential.secretSealed ? unseal("totp", credential.secretSealed) : null;
  const step = await totpStep(secret, context.code, credential?.lastStep ?? null);
  if (step === null) return fail(context, "totp");
  // A code is accepted once: the next one must come from a later time step.
  const updated = await prisma.totpCredential.updateMany({
    where: { userId: context.viewer.userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
    data: { lastStep: step },
  });
  if (updated.count === 0) return fail(context, "totp");
  await passed(context, "totp");
}

// ------------------------------------------------------------- passkeys ----

// The session's WebAuthn challenge names its purpose, so a sign-in challenge can never be
// answered with a new credential (nor a registration challenge with an assertion).
type ChallengePurpose = "register" | "authenticate";
const challengeFor = (stored: string | null, purpose: ChallengePurpose) =>
  stored?.startsWith(`${purpose}:`) ? stored.slice(purpose.length + 1) : null;

// Pinned rather than left to the library, whose defaults moved between majors:
// - The user handle is the UTF-8 bytes of the user id, as @simplewebauthn 9 sent it (its browser
//   half encoded the string). Since v10 the library takes bytes and would otherwise pick random
//   ones per registration. Authenticators and password managers group an account's passkeys by
//   this handle (and replace one made for the same handle rather than pile up another), so every
//   passkey of an admin, made before the upgrade or after, keeps the same one.
// - The display name is the email, as v9 defaulted (v14 defaults to "").
// - The offered key algorithms are EdDSA, ES256 and RS256 (v9's default); v14 would add ML-DSA-44
//   on runtimes that support it. Verification accepts only what was offered.
const userHandle = (userId: string) => isoUint8Array.fromUTF8String(userId);
const KEY_ALGORITHMS = [-8, -7, -257];

/** Options to create a passkey: the first enrolment, or (with step-up) another passkey. */
export async function passkeyRegistrationOptions(context: Context) {
  return changeOwnFactors(context, "passkey.options", async ({ tx, session }) => {
    const existing = await tx.passkeyCredential.findMany({
      where: { userId: context.viewer.userId },
      select: { id: true },
    });
    const options = await generateRegistrationOptions({
      rpName: `${env().COMPANY_NAME} Privacy Center`,
      rpID: rpId(),
      userID: userHandle(context.viewer.userId),
      userName: context.viewer.email,
      userDisplayName: context.viewer.email,
      attestationType: "none",
      // Stored ids are the base64url of the raw credential id, which is what the library takes.
      excludeCredentials: existing.map((credential) => ({ id: credential.id })),
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
      supportedAlgorithmIDs: KEY_ALGORITHMS,
    });
    await tx.session.update({
      where: { id: session.id },
      data: { webauthnChallenge: `register:${options.challenge}` },
    });
    return options;
  });
}

export async function finishPasskeyRegistration(
  context: Context & { response: RegistrationResponseJSON },
): Promise<{ recoveryCodes: string[] }> {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const userId = context.viewer.userId;
  const result = await changeOwnFactors(context, "passkey.register", async ({ tx, first, at, session }) => {
    const challenge = challengeFor(session.webauthnChallenge, "register");
    if (!challenge) return { state: "no-challenge" as const };
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response: context.response,
        expectedChallenge: challenge,
        expectedOrigin: origin(),
        expectedRPID: rpId(),
        requireUserVerification: false,
        supportedAlgorithmIDs: KEY_ALGORITHMS,
      });
    } catch {
      return { state: "wrong" as const };
    }
    if (!verification.verified || !verification.registrationInfo) return { state: "wrong" as const };
    // credential.id is the base64url of the raw credential id (as rows written by v9 are).
    const { credential } = verification.registrationInfo;
    await tx.passkeyCredential.create({
      data: {
        id: credential.id,
        userId,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: context.response.response.transports ?? [],
        name: `Passkey added ${isoDay(at)}`,
      },
    });
    await tx.session.update({
      where: { id: session.id },
      data: first ? { secondFactorAt: at, webauthnChallenge: null } : { webauthnChallenge: null },
    });
    await audit(tx, context, first ? "admin.2fa.enrolled" : "admin.2fa.added", { method: "passkey" });
    return { state: "done" as const, first, recoveryCodes: first ? await issueRecoveryCodes(tx, userId) : [] };
  });
  if (result.state === "no-challenge") throw new AppError("INVALID_STATE", { reason: "PASSKEY_CHALLENGE" });
  if (result.state === "wrong") return fail(context, "passkey");
  await sendSecondFactorNotice(context.viewer.email, { kind: result.first ? "enrolled" : "added", method: "passkey" });
  return { recoveryCodes: result.recoveryCodes };
}

export async function passkeyAuthenticationOptions(context: Context) {
  assertAdmin(context.viewer);
  const session = await sessionOf(prisma, context);
  const credentials = await prisma.passkeyCredential.findMany({
    where: { userId: context.viewer.userId },
    select: { id: true, transports: true },
  });
  if (credentials.length === 0) throw new AppError("INVALID_STATE", { reason: "NO_PASSKEY" });
  const options = await generateAuthenticationOptions({
    rpID: rpId(),
    userVerification: "preferred",
    allowCredentials: credentials.map((credential) => ({ id: credential.id, transports: credential.transports })),
  });
  await prisma.session.update({
    where: { id: session.id },
    data: { webauthnChallenge: `authenticate:${options.challenge}` },
  });
  return options;
}

export async function finishPasskeyAuthentication(context: Context & { response: AuthenticationResponseJSON }) {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const session = await sessionOf(prisma, context);
  const challenge = challengeFor(session.webauthnChallenge, "authenticate");
  const credential = await prisma.passkeyCredential.findFirst({
    where: { id: context.response.id, userId: context.viewer.userId },
  });
  if (!challenge || !credential) return fail(context, "passkey");
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: context.response,
      expectedChallenge: challenge,
      expectedOrigin: origin(),
      expectedRPID: rpId(),
      credential: { id: credential.id, publicKey: new Uint8Array(credential.publicKey), counter: credential.counter },
      requireUserVerification: false,
    });
  } catch {
    return fail(context, "passkey");
  }
  if (!verification.verified) return fail(context, "passkey");
  await prisma.passkeyCredential.update({
    where: { id: credential.id },
    data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: await now() },
  });
  await passed(context, "passkey");
}

// ------------------------------------------------------- recovery codes ----

export async function useRecoveryCode(context: Context & { code: string }): Promise<{ left: number }> {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const at = await now();
  const spent = await prisma.recoveryCode.updateMany({
    where: { userId: context.viewer.userId, codeHash: hashCode(context.code), usedAt: null },
    data: { usedAt: at },
  });
  if (spent.count === 0) return fail(context, "recovery");
  await passed(context, "recovery", "admin.2fa.recovery_used");
  const left = await prisma.recoveryCode.count({ where: { userId: context.viewer.userId, usedAt: null } });
  await sendSecondFactorNotice(context.viewer.email, { kind: "recovery_used", left });
  return { left };
}

/** A new set of recovery codes (shown once); the old ones stop working. Needs step-up. */
export async function regenerateRecoveryCodes(context: Context): Promise<{ recoveryCodes: string[] }> {
  const codes = await changeOwnFactors(context, "recovery.regenerate", async ({ tx, first }) => {
    if (first) return null;
    const issued = await issueRecoveryCodes(tx, context.viewer.userId);
    await audit(tx, context, "admin.2fa.recovery_regenerated", {});
    return issued;
  });
  if (!codes) throw new AppError("INVALID_STATE", { reason: "NO_SECOND_FACTOR" });
  await sendSecondFactorNotice(context.viewer.email, { kind: "recovery_regenerated" });
  return { recoveryCodes: codes };
}

// ------------------------------------------------------------- removal ----

/** Removes a passkey or the authenticator app, never the last factor. Needs step-up. */
export async function removeFactor(
  context: Context & { factor: { method: "passkey"; id: string } | { method: "totp" } },
) {
  const userId = context.viewer.userId;
  const outcome = await changeOwnFactors(context, "factor.remove", async ({ tx, first }) => {
    if (first) return "not-found" as const;
    const factors = await countFactors(tx, userId);
    const exists =
      context.factor.method === "passkey"
        ? (await tx.passkeyCredential.count({ where: { id: context.factor.id, userId } })) === 1
        : factors.totp === 1;
    if (!exists) return "not-found" as const;
    if (factors.totp + factors.passkeys <= 1) return "last" as const;
    if (context.factor.method === "passkey")
      await tx.passkeyCredential.deleteMany({ where: { id: context.factor.id, userId } });
    else await tx.totpCredential.deleteMany({ where: { userId } });
    await endOtherMarks(tx, context);
    await audit(tx, context, "admin.2fa.removed", { method: context.factor.method });
    return "removed" as const;
  });
  if (outcome === "not-found") throw new AppError("NOT_FOUND", { reason: "SECOND_FACTOR" });
  if (outcome === "last") throw new AppError("INVALID_STATE", { reason: "LAST_SECOND_FACTOR" });
  await sendSecondFactorNotice(context.viewer.email, { kind: "removed", method: context.factor.method });
}

// ------------------------------------------------------------- checks ----

/** Whether the session passed the second factor, and how recently. */
export async function getSecondFactorState(sessionToken: string, userId: string): Promise<{ passedAt: Date | null }> {
  const session = await prisma.session.findFirst({ where: { sessionToken, userId }, select: { secondFactorAt: true } });
  return { passedAt: session?.secondFactorAt ?? null };
}
