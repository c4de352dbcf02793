// The audit log as the privacy team reads it (/admin/audit and its CSV): filters
// by actor, action, target and date range, newest first, in keyset pages (by id).
// Actors are audit references; they are shown as the person's email address while
// their PersonKey exists, and their sealed IP addresses are decrypted with it.
// Once a person is erased the key is gone: the row says "erased person".
import "server-only";
import { z } from "zod";
import { assertAdmin, type Viewer } from "../core/viewer";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import type { Prisma } from "../generated/prisma/client";
import { isoDay } from "../core/form";
import { bigintParam, textParam } from "../core/params";
import { decryptForPerson } from "./person-key";

const day = isoDay()
  .optional()
  .or(z.literal("").transform(() => undefined));
const text = (max: number) =>
  textParam(max)
    .optional()
    .transform((value) => (value ? value : undefined));

export const auditFilterSchema = z.object({
  /** An email address or an audit reference (p_…). */
  actor: text(320),
  /** An action, or a prefix ending in "." or "*" (e.g. "retention." or "auth*"). */
  action: text(100),
  targetType: text(60),
  targetId: text(200),
  from: day,
  to: day,
});
export type AuditFilters = z.infer<typeof auditFilterSchema>;

export type AuditRow = {
  id: string;
  at: Date;
  actorRef: string | null;
  actor: { kind: "person"; email: string } | { kind: "erased" } | { kind: "system" };
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: { kind: "ip" | "hashed"; value: string } | { kind: "erased" } | { kind: "none" };
  metadata: unknown;
};

/** Parses query-string filters; a malformed one is a VALIDATION AppError (never a 500). */
export function parseAuditFilters(raw: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = auditFilterSchema.safeParse(
    Object.fromEntries(Object.keys(auditFilterSchema.shape).map((key) => [key, one(raw[key]) ?? ""])),
  );
  if (!parsed.success) throw new AppError("VALIDATION", { reason: "AUDIT_FILTER" });
  return parsed.data;
}

async function whereFor(filters: AuditFilters): Promise<Prisma.AuditLogWhereInput | null> {
  const where: Prisma.AuditLogWhereInput[] = [];
  if (filters.actor) {
    let ref = filters.actor;
    if (filters.actor.includes("@")) {
      const user = await prisma.user.findUnique({
        where: { email: filters.actor.toLowerCase() },
        select: { personKey: { select: { ref: true } } },
      });
      if (!user?.personKey) return null; // nobody with that address has audit rows
      ref = user.personKey.ref;
    }
    where.push({ actorId: ref });
  }
  if (filters.action) {
    const prefix = filters.action.endsWith("*")
      ? filters.action.slice(0, -1)
      : filters.action.endsWith(".")
        ? filters.action
        : null;
    where.push(prefix !== null ? { action: { startsWith: prefix } } : { action: filters.action });
  }
  if (filters.targetType) where.push({ targetType: filters.targetType });
  if (filters.targetId) {
    // Rows about a person name them by reference: an email address is looked up.
    let targetId = filters.targetId;
    if (targetId.includes("@")) {
      const user = await prisma.user.findUnique({
        where: { email: targetId.toLowerCase() },
        select: { personKey: { select: { ref: true } } },
      });
      targetId = user?.personKey?.ref ?? targetId;
    }
    where.push({ targetId });
  }
  if (filters.from) where.push({ at: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to) where.push({ at: { lt: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return { AND: where };
}

/** Actor emails and IP keys for the refs of a set of rows, in one query. */
async function resolveRows(
  rows: {
    id: bigint;
    at: Date;
    actorId: string | null;
    action: string;
    targetType: string | null;
    targetId: string | null;
    ip: string | null;
    metadata: unknown;
  }[],
): Promise<AuditRow[]> {
  const refs = [...new Set(rows.map((row) => row.actorId).filter((ref): ref is string => ref !== null))];
  const keys = refs.length
    ? await prisma.personKey.findMany({
        where: { ref: { in: refs } },
        select: { ref: true, key: true, user: { select: { email: true } } },
      })
    : [];
  const byRef = new Map(keys.map((key) => [key.ref, key]));
  return rows.map((row) => {
    const person = row.actorId ? byRef.get(row.actorId) : undefined;
    let ip: AuditRow["ip"] = { kind: "none" };
    if (row.ip?.startsWith("h:")) ip = { kind: "hashed", value: row.ip.slice(2) };
    else if (row.ip) {
      const value = person ? decryptForPerson(Buffer.from(person.key), row.ip) : null;
      ip = value === null ? { kind: "erased" } : { kind: "ip", value };
    }
    return {
      id: row.id.toString(),
      at: row.at,
      actorRef: row.actorId,
      actor: !row.actorId
        ? { kind: "system" }
        : person
          ? { kind: "person", email: person.user.email }
          : { kind: "erased" },
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      ip,
      metadata: row.metadata,
    };
  });
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * One page, newest first. `before`: rows older than that id (the next page);
 * `after`: rows newer than that id (the previous page).
 */
export async function listAuditLog(options: {
  admin: Viewer;
  filters: AuditFilters;
  before?: string;
  after?: string;
  limit?: number;
}) {
  assertAdmin(options.admin);
  const limit = Math.min(options.limit ?? AUDIT_PAGE_SIZE, 200);
  const where = await whereFor(options.filters);
  if (!where) return { rows: [] as AuditRow[], newer: null, older: null };
  const cursor = (value: string | undefined) =>
    value && bigintParam().safeParse(value).success ? BigInt(value) : undefined;
  const before = cursor(options.before);
  const after = before === undefined ? cursor(options.after) : undefined;
  const found = await prisma.auditLog.findMany({
    where: {
      AND: [
        where,
        before !== undefined ? { id: { lt: before } } : {},
        after !== undefined ? { id: { gt: after } } : {},
      ],
    },
    orderBy: { id: after !== undefined ? "asc" : "desc" },
    take: limit + 1,
  });
  const hasMore = found.length > limit;
  const page = found.slice(0, limit);
  if (after !== undefined) page.reverse();
  const rows = await resolveRows(page);
  const first = rows[0]?.id ?? null;
  const last = rows.at(-1)?.id ?? null;
  return {
    rows,
    // Newer rows exist when we came from an older page, or paged forward and found more.
    newer: first && (before !== undefined || (after !== undefined && hasMore)) ? first : null,
    older: last && (after !== undefined || hasMore) ? last : null,
  };
}

/** Every matching row, newest first, a page at a time (the CSV download). */
export async function* iterateAuditLog({ admin, filters }: { admin: Viewer; filters: AuditFilters }) {
  assertAdmin(admin);
  const where = await whereFor(filters);
  if (!where) return;
  let before: bigint | undefined;
  for (;;) {
    const page = await prisma.auditLog.findMany({
      where: { AND: [where, before !== undefined ? { id: { lt: before } } : {}] },
      orderBy: { id: "desc" },
      take: 1000,
    });
    if (page.length === 0) return;
    yield* await resolveRows(page);
    before = page.at(-1)!.id;
    if (page.length < 1000) return;
  }
}

export function describeActor(row: AuditRow): string {
  return row.actor.kind === "person" ? row.actor.email : row.actor.kind === "erased" ? "erased person" : "system";
}

export function describeIp(row: AuditRow): string {
  return row.ip.kind === "ip"
    ? row.ip.value
    : row.ip.kind === "hashed"
      ? `anonymous (${row.ip.value.slice(0, 8)}…)`
      : row.ip.kind === "erased"
        ? "erased"
        : "";
}
