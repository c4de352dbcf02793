// How the append-only audit log names people without keeping anything that
// identifies them once they are erased. Each person has a random reference
// (`ref`, written in audit rows instead of their user id) and a random AES key
// (their IP addresses in audit rows are encrypted with it). Erasure deletes the
// PersonKey row: the audit rows remain, but nothing links them to anyone or
// decrypts them any more (crypto-shredding).
import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { deriveKey, getKeyRing } from "../core/key-ring";

type Db = Prisma.TransactionClient | PrismaClient;
export type PersonKey = { ref: string; key: Buffer };

const newRef = () => `p_${randomBytes(12).toString("base64url")}`;

/** The person's audit reference and key, created on first use; null when the account no longer exists. */
export async function getPersonKey(db: Db, userId: string): Promise<PersonKey | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const rows = await db.$queryRaw<{ ref: string; key: Buffer }[]>`
      WITH inserted AS (
        INSERT INTO "PersonKey" ("userId", ref, key)
        SELECT ${userId}, ${newRef()}, ${randomBytes(32)} WHERE EXISTS (SELECT 1 FROM "User" WHERE id = ${userId})
        ON CONFLICT ("userId") DO NOTHING
        RETURNING ref, key
      )
      SELECT ref, key FROM inserted
      UNION ALL
      SELECT ref, key FROM "PersonKey" WHERE "userId" = ${userId}
      LIMIT 1`;
    if (rows[0]) return { ref: rows[0].ref, key: Buffer.from(rows[0].key) };
    // A concurrent first use may have inserted it after this statement's snapshot: look again.
  }
  return null;
}

/** The reference for a user id, without creating one (null when none exists). */
export async function findPersonRef(db: Db, userId: string): Promise<string | null> {
  const row = await db.personKey.findUnique({ where: { userId }, select: { ref: true } });
  return row?.ref ?? null;
}

const ENCRYPTED = "enc:";
const HASHED = "h:";

/** AES-256-GCM with the person's key: "enc:" + base64url(iv | tag | ciphertext). */
export function encryptForPerson(key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return ENCRYPTED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function decryptForPerson(key: Buffer, stored: string): string | null {
  if (!stored.startsWith(ENCRYPTED)) return null;
  try {
    const raw = Buffer.from(stored.slice(ENCRYPTED.length), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * An address with no signed-in person behind it (a refused visitor): kept only as a
 * keyed hash, so equal addresses can be grouped but none can be read back.
 */
export function hashAnonymousIp(ip: string): string {
  // Keyed with the current secret: rows hashed before a rotation of AUTH_SECRET no longer group
  // with later ones (nothing looks them up; they cannot be re-hashed without the address).
  return (
    HASHED + createHmac("sha256", deriveKey(getKeyRing().current, "audit-ip")).update(ip).digest("hex").slice(0, 24)
  );
}

export type RevealedIp =
  { kind: "ip"; value: string } | { kind: "erased" } | { kind: "hashed"; value: string } | { kind: "none" };

/** An audit row's address as the privacy team may see it: decrypted while the person exists. */
export async function revealAuditIp(db: Db, row: { actorId: string | null; ip: string | null }): Promise<RevealedIp> {
  if (!row.ip) return { kind: "none" };
  if (row.ip.startsWith(HASHED)) return { kind: "hashed", value: row.ip.slice(HASHED.length) };
  if (!row.ip.startsWith(ENCRYPTED) || !row.actorId) return { kind: "erased" };
  const person = await db.personKey.findUnique({ where: { ref: row.actorId }, select: { key: true } });
  const value = person ? decryptForPerson(Buffer.from(person.key), row.ip) : null;
  return value === null ? { kind: "erased" } : { kind: "ip", value };
}
