// After AUTH_SECRET was rotated: rewrites every stored sealed value with the
// current secret (npm run keys:reseal), so that the previous secret can be
// dropped from AUTH_SECRET_PREVIOUS. Safe to run twice, and while the app runs:
// a row is only rewritten if it still holds the value that was read.
import "server-only";
import { recordAudit } from "../audit/record";
import { resolveKeyRing, type KeyRing } from "../core/key-ring";
import { dataKeyPurpose } from "../core/data-keys";
import { prisma } from "../core/db";
import { isSealedWithCurrentKey, openSealed, seal } from "../core/sealed";

type Row = { id: string; sealed: string };
type SealedColumn = {
  name: string;
  /** The purpose the row's value was sealed for. */
  purpose: (row: Row) => string;
  /** Rows after `after` in key order, with a sealed value. */
  read: (after: string | null, take: number) => Promise<Row[]>;
  /** Replaces `from` by `to`; 0 when the row changed meanwhile. */
  write: (id: string, from: string, to: string) => Promise<number>;
};

/** Every column that holds a value made by seal(). Add yours here. */
export const SEALED_COLUMNS: SealedColumn[] = [
  {
    name: "TotpCredential.secretSealed",
    purpose: () => "totp",
    read: async (after, take) =>
      (
        await prisma.totpCredential.findMany({
          where: { secretSealed: { not: null }, ...(after ? { userId: { gt: after } } : {}) },
          orderBy: { userId: "asc" },
          take,
          select: { userId: true, secretSealed: true },
        })
      ).map((row) => ({ id: row.userId, sealed: row.secretSealed! })),
    write: async (id, from, to) =>
      (
        await prisma.totpCredential.updateMany({
          where: { userId: id, secretSealed: from },
          data: { secretSealed: to },
        })
      ).count,
  },
  {
    name: "TotpCredential.pendingSecretSealed",
    purpose: () => "totp",
    read: async (after, take) =>
      (
        await prisma.totpCredential.findMany({
          where: { pendingSecretSealed: { not: null }, ...(after ? { userId: { gt: after } } : {}) },
          orderBy: { userId: "asc" },
          take,
          select: { userId: true, pendingSecretSealed: true },
        })
      ).map((row) => ({ id: row.userId, sealed: row.pendingSecretSealed! })),
    write: async (id, from, to) =>
      (
        await prisma.totpCredential.updateMany({
          where: { userId: id, pendingSecretSealed: from },
          data: { pendingSecretSealed: to },
        })
      ).count,
  },
  {
    name: "ParentRequest.accessTokenSealed",
    purpose: () => "parent-status",
    read: async (after, take) =>
      (
        await prisma.parentRequest.findMany({
          where: { accessTokenSealed: { not: null }, ...(after ? { id: { gt: after } } : {}) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, accessTokenSealed: true },
        })
      ).map((row) => ({ id: row.id, sealed: row.accessTokenSealed! })),
    write: async (id, from, to) =>
      (
        await prisma.parentRequest.updateMany({
          where: { id, accessTokenSealed: from },
          data: { accessTokenSealed: to },
        })
      ).count,
  },
  {
    name: "PrivacyRequest.statusTokenSealed",
    purpose: () => "subject-status",
    read: async (after, take) =>
      (
        await prisma.privacyRequest.findMany({
          where: { statusTokenSealed: { not: null }, ...(after ? { id: { gt: after } } : {}) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, statusTokenSealed: true },
        })
      ).map((row) => ({ id: row.id, sealed: row.statusTokenSealed! })),
    write: async (id, from, to) =>
      (
        await prisma.privacyRequest.updateMany({
          where: { id, statusTokenSealed: from },
          data: { statusTokenSealed: to },
        })
      ).count,
  },
  {
    name: "SealedKey.sealed",
    purpose: (row) => dataKeyPurpose(row.id),
    read: async (after, take) =>
      (
        await prisma.sealedKey.findMany({
          where: after ? { purpose: { gt: after } } : {},
          orderBy: { purpose: "asc" },
          take,
          select: { purpose: true, sealed: true },
        })
      ).map((row) => ({
        id: row.purpose,
        sealed: row.sealed,
      })),
    write: async (id, from, to) =>
      (await prisma.sealedKey.updateMany({ where: { purpose: id, sealed: from }, data: { sealed: to } })).count,
  },
];

export type ResealCounts = { checked: number; resealed: number; unreadable: number };
export type ResealResult = { keyId: string; columns: Record<string, ResealCounts> };

/**
 * Re-seals, in batches, every stored value not yet sealed with the ring's current secret.
 * Values no secret on the ring opens are left as they are and counted as unreadable.
 * One audit row records the counts.
 */
export async function resealStoredValues(
  options: { keys?: KeyRing; batchSize?: number; log?: (line: string) => void } = {},
): Promise<ResealResult> {
  const ring = resolveKeyRing(options.keys);
  const batchSize = options.batchSize ?? 500;
  const result: ResealResult = { keyId: ring.current.id, columns: {} };
  for (const column of SEALED_COLUMNS) {
    const counts: ResealCounts = { checked: 0, resealed: 0, unreadable: 0 };
    let after: string | null = null;
    for (;;) {
      const rows = await column.read(after, batchSize);
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      counts.checked += rows.length;
      for (const row of rows) {
        if (isSealedWithCurrentKey(row.sealed, ring)) continue;
        const purpose = column.purpose(row);
        const opened = openSealed(purpose, row.sealed, ring);
        if (!opened) {
          counts.unreadable++;
          continue;
        }
        counts.resealed += await column.write(row.id, row.sealed, seal(purpose, opened.value, ring));
      }
    }
    result.columns[column.name] = counts;
    options.log?.(
      `${column.name}: ${counts.checked} checked, ${counts.resealed} re-sealed, ${counts.unreadable} unreadable`,
    );
  }
  await recordAudit({ action: "keys.resealed", metadata: result });
  return result;
}
