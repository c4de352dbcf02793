// The suppression list: keyed hashes of erased addresses, so that no marketing
// email reaches them again (say, from a list imported later). The address itself
// is never stored; a hash can only be checked against an address one already has.
//
// The hash key is a data key (lib/core/data-keys.ts), not a key derived from
// AUTH_SECRET: the list must keep working after the secret is rotated, and a hash
// cannot be re-made without the address. Lists started before data keys were
// keyed with "email-suppression:" + AUTH_SECRET; such a list keeps that key.
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { getKeyRing } from "../core/key-ring";
import { getDataKey } from "../core/data-keys";
import { prisma } from "../core/db";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

type Db = Prisma.TransactionClient | PrismaClient;

async function suppressionKey(): Promise<Buffer> {
  return getDataKey("email-suppression", async () =>
    (await prisma.emailSuppression.count()) > 0
      ? Buffer.from(`email-suppression:${getKeyRing().current.secret}`, "utf8")
      : randomBytes(32),
  );
}

const normalize = (email: string) => email.trim().toLowerCase();

/** Gmail-style and plain addresses alike: trimmed and lower-cased. The list's key for an address. */
export async function suppressionHash(email: string): Promise<string> {
  return createHmac("sha256", await suppressionKey())
    .update(normalize(email))
    .digest("hex");
}

export async function suppressEmail(db: Db, email: string, reason: string): Promise<void> {
  const hash = await suppressionHash(email);
  await db.emailSuppression.upsert({ where: { hash }, create: { hash, reason }, update: {} });
}

export async function isEmailSuppressed(db: Db, email: string): Promise<boolean> {
  return (await db.emailSuppression.count({ where: { hash: await suppressionHash(email) } })) > 0;
}

/** Subscribing again is new, explicit consent: the address may get marketing email again. */
export async function liftSuppression(db: Db, email: string): Promise<void> {
  await db.emailSuppression.deleteMany({ where: { hash: await suppressionHash(email) } });
}
