// The suppression list: keyed hashes of erased addresses, so that no marketing
// email reaches them again (say, from a list imported later). The address itself
// is never stored; a hash can only be checked against an address one already has.
import "server-only";
import { createHmac } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { env } from "../core/env";

type Db = Prisma.TransactionClient | PrismaClient;

/** Gmail-style and plain addresses alike: trimmed and lower-cased. */
export function suppressionHash(email: string): string {
  return createHmac("sha256", `email-suppression:${env().AUTH_SECRET}`).update(email.trim().toLowerCase()).digest("hex");
}

export async function suppressEmail(db: Db, email: string, reason: string): Promise<void> {
  await db.emailSuppression.upsert({ where: { hash: suppressionHash(email) }, create: { hash: suppressionHash(email), reason }, update: {} });
}

export async function isEmailSuppressed(db: Db, email: string): Promise<boolean> {
  return (await db.emailSuppression.count({ where: { hash: suppressionHash(email) } })) > 0;
}
