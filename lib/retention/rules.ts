// Retention rules (one per target in targets.ts): read by the purge, the admin
// page and people's data pages; changed by admins, each change audited.
import "server-only";
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import { findPersonRef } from "../audit/person-key";
import { assertAdmin, type Viewer } from "../core/viewer";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import type { retentionRuleSchema } from "./schema";
import { RETENTION_TARGETS, findRetentionTarget } from "./targets";

/** Writes the default rule of every target that has none yet (idempotent). */
export async function ensureRetentionRules() {
  await prisma.retentionRule.createMany({
    data: RETENTION_TARGETS.map((target) => ({ target: target.key, days: target.defaultDays })),
    skipDuplicates: true,
  });
}

export async function getRetentionDays(target: string): Promise<number> {
  const rule = await prisma.retentionRule.findUnique({ where: { target }, select: { days: true } });
  if (rule) return rule.days;
  const known = findRetentionTarget(target);
  if (!known) throw new AppError("NOT_FOUND", { reason: "RETENTION_TARGET" });
  return known.defaultDays;
}

/** Days per registry category slug, for people's data pages (only categories a target purges). */
export async function getCategoryRetentionDays(): Promise<Map<string, number>> {
  const rules = await prisma.retentionRule.findMany({ select: { target: true, days: true } });
  const byTarget = new Map(rules.map((rule) => [rule.target, rule.days]));
  const result = new Map<string, number>();
  for (const target of RETENTION_TARGETS)
    if (target.category) result.set(target.category, byTarget.get(target.key) ?? target.defaultDays);
  return result;
}

export async function listRetentionRules({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  await ensureRetentionRules();
  const rules = await prisma.retentionRule.findMany();
  const byTarget = new Map(rules.map((rule) => [rule.target, rule]));
  return RETENTION_TARGETS.map((target) => ({
    ...target,
    days: byTarget.get(target.key)?.days ?? target.defaultDays,
    updatedAt: byTarget.get(target.key)?.updatedAt ?? null,
  }));
}

export async function updateRetentionRule(options: {
  admin: Viewer;
  input: z.infer<typeof retentionRuleSchema>;
  ip?: string;
}) {
  const { admin, input } = options;
  assertAdmin(admin);
  const target = findRetentionTarget(input.target);
  if (!target) throw new AppError("NOT_FOUND", { reason: "RETENTION_TARGET" });
  const ref = await findPersonRef(prisma, admin.userId);
  return prisma.$transaction(async (tx) => {
    const before = await tx.retentionRule.findUnique({ where: { target: target.key }, select: { days: true } });
    const from = before?.days ?? target.defaultDays;
    await tx.retentionRule.upsert({
      where: { target: target.key },
      create: { target: target.key, days: input.days, updatedByRef: ref },
      update: { days: input.days, updatedByRef: ref },
    });
    await recordAudit(
      {
        action: "retention.rule.update",
        actorId: admin.userId,
        targetType: "RetentionRule",
        targetId: target.key,
        ip: options.ip,
        metadata: { from, to: input.days },
      },
      tx,
    );
    return { from, to: input.days, title: target.title };
  });
}

export async function listRetentionRuns({ admin, take = 20 }: { admin: Viewer; take?: number }) {
  assertAdmin(admin);
  return prisma.retentionRun.findMany({
    orderBy: { startedAt: "desc" },
    take,
    include: { items: { orderBy: { target: "asc" } } },
  });
}
