// Append-only audit log (a database trigger refuses UPDATE and DELETE).
// People are named by their audit reference, never their user id, and their IP
// addresses are encrypted with their own key (lib/audit/person-key.ts), so an
// erasure can make every row about them unreadable without changing a row.
// Never pass secrets, tokens, links or email addresses in metadata.
import "server-only";
import { prisma } from "../core/db";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { encryptForPerson, getPersonKey, hashAnonymousIp } from "./person-key";

export type AuditEntry = {
  action: string;
  /** The user id of whoever acted (stored as their audit reference). */
  actorId?: string | null;
  /** With targetType "User", targetId is a user id and is stored as their reference too. */
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  metadata?: Prisma.InputJsonValue;
};

type Db = Prisma.TransactionClient | PrismaClient;

export async function recordAudit(entry: AuditEntry, db: Db = prisma): Promise<void> {
  const actor = entry.actorId ? await getPersonKey(db, entry.actorId) : null;
  let targetId = entry.targetId;
  if (entry.targetType === "User" && entry.targetId) {
    targetId =
      entry.targetId === entry.actorId ? actor?.ref : ((await getPersonKey(db, entry.targetId))?.ref ?? undefined);
  }
  let ip: string | null = null;
  if (entry.ip && entry.ip !== "unknown")
    ip = actor ? encryptForPerson(actor.key, entry.ip) : hashAnonymousIp(entry.ip);
  await db.auditLog.create({
    data: {
      action: entry.action,
      actorId: actor?.ref ?? null,
      targetType: entry.targetType,
      targetId,
      ip,
      metadata: entry.metadata ?? {},
    },
  });
}
