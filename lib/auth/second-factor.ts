// The privacy team's second factor (OWASP ASVS 4.0.3 V4.3.1): a passkey
// (WebAuthn) or an authenticator app (TOTP), plus 10 single-use recovery codes.
// Passing it marks the current database session (Session.secondFactorAt); admin
// pages, actions and routes require that mark, and destructive actions require it
// within the last STEP_UP_MINUTES. Every enrolment, use, failure and recovery-code
// use is audited; failures are rate-limited per admin.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/types";
import { generateSecret, generateURI, verify as verifyTotpCode } from "otplib";
import QRCode from "qrcode";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { seal, unseal } from "../core/sealed";
import { consumeLimit, peekLimit } from "./rate-limit";
import { assertAdmin, type Viewer } from "../core/viewer";

export const STEP_UP_MINUTES = 10;
const RECOVERY_CODES = 10;
const FAILURES = { prefix: "second-factor-failures", points: 5, seconds: 15 * 60, reason: "SECOND_FACTOR_ATTEMPTS" };

export type SessionRef = { sessionToken: string };
type Context = { viewer: Viewer; session: SessionRef; ip?: string | null };

const rpId = () => new URL(env().APP_URL).hostname;
const origin = () => new URL(env().APP_URL).origin;
const hashCode = (code: string) => createHash("sha256").update(code.replace(/[^a-z0-9]/gi, "").toLowerCase()).digest("hex");

export async function getEnrolment(userId: string) {
  const [totp, passkeys, codes] = await Promise.all([
    prisma.totpCredential.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma.passkeyCredential.findMany({ where: { userId }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { hasTotp: Boolean(totp?.confirmedAt), passkeys, recoveryCodesLeft: codes, isEnrolled: Boolean(totp?.confirmedAt) || passkeys.length > 0 };
}

async function ownSession(context: Context) {
  const session = await prisma.session.findFirst({ where: { sessionToken: context.session.sessionToken, userId: context.viewer.userId }, select: { id: true, webauthnChallenge: true } });
  if (!session) throw new AppError("UNAUTHENTICATED");
  return session;
}

/** Refuses when too many attempts failed recently (checked before a code is even looked at). */
async function assertNotLockedOut(userId: string) {
  if ((await peekLimit(FAILURES, userId)) >= FAILURES.points) throw new AppError("LIMIT_REACHED", { reason: "SECOND_FACTOR_ATTEMPTS", params: { retryAfterSeconds: FAILURES.seconds } });
}

async function fail(context: Context, method: string): Promise<never> {
  await recordAudit({ action: "admin.2fa.failed", actorId: context.viewer.userId, targetType: "User", targetId: context.viewer.userId, ip: context.ip ?? null, metadata: { method } });
  await consumeLimit(FAILURES, context.viewer.userId).catch(() => undefined);
  throw new AppError("VALIDATION", { reason: "SECOND_FACTOR_WRONG", field: method === "recovery" ? "recoveryCode" : method === "totp" ? "code" : undefined });
}

/** Marks this session as having passed the second factor now. */
async function passed(context: Context, method: string, action = "admin.2fa.verified") {
  const at = await now();
  await prisma.$transaction(async (tx) => {
    await tx.session.updateMany({ where: { sessionToken: context.session.sessionToken, userId: context.viewer.userId }, data: { secondFactorAt: at, webauthnChallenge: null } });
    await recordAudit({ action, actorId: context.viewer.userId, targetType: "User", targetId: context.viewer.userId, ip: context.ip ?? null, metadata: { method } }, tx);
  });
}

async function issueRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(5).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await prisma.$transaction([
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    prisma.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashCode(code) })) }),
  ]);
  return codes;
}

// ---------------------------------------------------------------- TOTP ----

/** Starts (or restarts) authenticator-app enrolment: a new secret, as a QR code and as text. */
export async function startTotpEnrolment(context: Context) {
  assertAdmin(context.viewer);
  const secret = generateSecret();
  await prisma.totpCredential.upsert({
    where: { userId: context.viewer.userId },
    create: { userId: context.viewer.userId, secretSealed: seal("totp", secret) },
    update: { secretSealed: seal("totp", secret), confirmedAt: null, lastStep: null },
  });
  const uri = generateURI({ issuer: `${env().COMPANY_NAME} Privacy Center`, label: context.viewer.email, secret });
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

async function checkTotp(userId: string, code: string, options: { requireConfirmed: boolean }) {
  const credential = await prisma.totpCredential.findUnique({ where: { userId } });
  if (!credential || (options.requireConfirmed && !credential.confirmedAt)) return null;
  const secret = unseal("totp", credential.secretSealed);
  if (!secret || !/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor((await now()).getTime() / 1000);
  const result = await verifyTotpCode({ secret, token: code, epoch, epochTolerance: 30, ...(credential.lastStep !== null ? { afterTimeStep: credential.lastStep } : {}) });
  if (!result.valid) return null;
  // The time step the code belongs to (RFC 6238, 30-second periods), for replay protection.
  return Math.floor(epoch / 30) + result.delta;
}

/** The first code from the app confirms the enrolment; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(context: Context & { code: string }): Promise<{ recoveryCodes: string[] }> {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const step = await checkTotp(context.viewer.userId, context.code, { requireConfirmed: false });
  if (step === null) return fail(context, "totp");
  await prisma.totpCredential.update({ where: { userId: context.viewer.userId }, data: { confirmedAt: await now(), lastStep: step } });
  await passed(context, "totp", "admin.2fa.enrolled");
  return { recoveryCodes: await issueRecoveryCodes(context.viewer.userId) };
}

export async function verifyTotp(context: Context & { code: string }) {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const step = await checkTotp(context.viewer.userId, context.code, { requireConfirmed: true });
  if (step === null) return fail(context, "totp");
  // A code is accepted once: the next one must come from a later time step.
  const updated = await prisma.totpCredential.updateMany({ where: { userId: context.viewer.userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] }, data: { lastStep: step } });
  if (updated.count === 0) return fail(context, "totp");
  await passed(context, "totp");
}

// ------------------------------------------------------------- passkeys ----

export async function passkeyRegistrationOptions(context: Context) {
  assertAdmin(context.viewer);
  const session = await ownSession(context);
  const existing = await prisma.passkeyCredential.findMany({ where: { userId: context.viewer.userId }, select: { id: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: `${env().COMPANY_NAME} Privacy Center`,
    rpID: rpId(),
    userID: context.viewer.userId,
    userName: context.viewer.email,
    attestationType: "none",
    excludeCredentials: existing.map((credential) => ({ id: Buffer.from(credential.id, "base64url"), type: "public-key" as const })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await prisma.session.update({ where: { id: session.id }, data: { webauthnChallenge: options.challenge } });
  return options;
}

export async function finishPasskeyRegistration(context: Context & { response: RegistrationResponseJSON }): Promise<{ recoveryCodes: string[] }> {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const session = await ownSession(context);
  if (!session.webauthnChallenge) throw new AppError("INVALID_STATE", { reason: "PASSKEY_CHALLENGE" });
  let verification;
  try {
    verification = await verifyRegistrationResponse({ response: context.response, expectedChallenge: session.webauthnChallenge, expectedOrigin: origin(), expectedRPID: rpId(), requireUserVerification: false });
  } catch {
    return fail(context, "passkey");
  }
  if (!verification.verified || !verification.registrationInfo) return fail(context, "passkey");
  const info = verification.registrationInfo;
  const hadFactor = (await getEnrolment(context.viewer.userId)).isEnrolled;
  await prisma.passkeyCredential.create({
    data: {
      id: Buffer.from(info.credentialID).toString("base64url"),
      userId: context.viewer.userId,
      publicKey: Buffer.from(info.credentialPublicKey),
      counter: info.counter,
      transports: context.response.response.transports ?? [],
      name: `Passkey added ${(await now()).toISOString().slice(0, 10)}`,
    },
  });
  await passed(context, "passkey", "admin.2fa.enrolled");
  return { recoveryCodes: hadFactor ? [] : await issueRecoveryCodes(context.viewer.userId) };
}

export async function passkeyAuthenticationOptions(context: Context) {
  assertAdmin(context.viewer);
  const session = await ownSession(context);
  const credentials = await prisma.passkeyCredential.findMany({ where: { userId: context.viewer.userId }, select: { id: true, transports: true } });
  if (credentials.length === 0) throw new AppError("INVALID_STATE", { reason: "NO_PASSKEY" });
  const options = await generateAuthenticationOptions({
    rpID: rpId(),
    userVerification: "preferred",
    allowCredentials: credentials.map((credential) => ({ id: Buffer.from(credential.id, "base64url"), type: "public-key" as const, transports: credential.transports as AuthenticatorTransport[] })),
  });
  await prisma.session.update({ where: { id: session.id }, data: { webauthnChallenge: options.challenge } });
  return options;
}

export async function finishPasskeyAuthentication(context: Context & { response: AuthenticationResponseJSON }) {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const session = await ownSession(context);
  const credential = await prisma.passkeyCredential.findFirst({ where: { id: context.response.id, userId: context.viewer.userId } });
  if (!session.webauthnChallenge || !credential) return fail(context, "passkey");
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: context.response,
      expectedChallenge: session.webauthnChallenge,
      expectedOrigin: origin(),
      expectedRPID: rpId(),
      authenticator: { credentialID: Buffer.from(credential.id, "base64url"), credentialPublicKey: new Uint8Array(credential.publicKey), counter: credential.counter },
      requireUserVerification: false,
    });
  } catch {
    return fail(context, "passkey");
  }
  if (!verification.verified) return fail(context, "passkey");
  await prisma.passkeyCredential.update({ where: { id: credential.id }, data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: await now() } });
  await passed(context, "passkey");
}

// ------------------------------------------------------- recovery codes ----

export async function useRecoveryCode(context: Context & { code: string }): Promise<{ left: number }> {
  assertAdmin(context.viewer);
  await assertNotLockedOut(context.viewer.userId);
  const at = await now();
  const spent = await prisma.recoveryCode.updateMany({ where: { userId: context.viewer.userId, codeHash: hashCode(context.code), usedAt: null }, data: { usedAt: at } });
  if (spent.count === 0) return fail(context, "recovery");
  await passed(context, "recovery", "admin.2fa.recovery_used");
  return { left: await prisma.recoveryCode.count({ where: { userId: context.viewer.userId, usedAt: null } }) };
}

// ------------------------------------------------------------- checks ----

/** Whether the session passed the second factor, and how recently. */
export async function getSecondFactorState(sessionToken: string, userId: string): Promise<{ passedAt: Date | null }> {
  const session = await prisma.session.findFirst({ where: { sessionToken, userId }, select: { secondFactorAt: true } });
  return { passedAt: session?.secondFactorAt ?? null };
}

export async function isStepUpFresh(passedAt: Date | null): Promise<boolean> {
  return Boolean(passedAt) && (await now()).getTime() - passedAt!.getTime() <= STEP_UP_MINUTES * 60_000;
}
