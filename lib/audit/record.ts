// Append-only audit log (a database trigger refuses UPDATE and DELETE).
// Never pass secrets, tokens or typed addresses of unknown people in metadata.
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";

export type AuditEntry = {
  action: string;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  metadata?: Prisma.InputJsonValue;
};

type AuditWriter = { auditLog: { create: (args: { data: Prisma.AuditLogUncheckedCreateInput }) => Promise<unknown> } };

export async function recordAudit(entry: AuditEntry, db: AuditWriter = prisma): Promise<void> {
  await db.auditLog.create({
    data: {
      action: entry.action,
      actorId: entry.actorId ?? null,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ip: entry.ip ?? null,
      metadata: entry.metadata ?? {},
    },
  });
}
