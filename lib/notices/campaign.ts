// Notice campaigns: created with the publish transaction (outbox), expanded
// into one NoticeDelivery per (user, version), then sent by lib/notices/sender.ts
// on pg-boss. Admin controls (pause, resume, cancel, rate) are audited.
import "server-only";
import type pg from "pg";
import type { Prisma } from "../generated/prisma/client";
import { prisma, getPool } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit/record";
import { now } from "../clock";

export const NOTICE_JOBS = { start: "notices.start", send: "notices.send", sweep: "notices.sweep" } as const;
export type NoticeAudience = "ALL" | "MINOR_OPT_IN";

export async function createNoticeCampaign(tx: Prisma.TransactionClient, options: { policyVersionId: string; audience: NoticeAudience; createdById: string | null }) {
  return tx.noticeCampaign.create({
    data: { policyVersionId: options.policyVersionId, audience: options.audience, createdById: options.createdById, ratePerSecond: env().NOTICE_RATE_PER_SECOND },
    select: { id: true },
  });
}

/** Asks a worker to expand and send the campaign (idempotent). */
export async function kickNoticeCampaign(campaignId: string) {
  const { enqueue } = await import("../jobs/boss");
  await enqueue(NOTICE_JOBS.start, { campaignId }, { retryLimit: 5, retryDelay: 5, retryBackoff: true });
}

/** Creates the delivery rows in one statement; ON CONFLICT keeps it one per (user, version). */
export async function materializeNoticeCampaign(campaignId: string, pool: pg.Pool = getPool()): Promise<{ total: number; created: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const campaign = await client.query<{ policyVersionId: string; audience: string; materializedAt: Date | null; total: number }>(
      `SELECT "policyVersionId", audience, "materializedAt", total FROM "NoticeCampaign" WHERE id = $1 FOR UPDATE`,
      [campaignId],
    );
    const row = campaign.rows[0];
    if (!row) throw new Error(`no notice campaign ${campaignId}`);
    if (row.materializedAt) {
      await client.query("COMMIT");
      return { total: row.total, created: 0 };
    }
    const audienceJoin = row.audience === "MINOR_OPT_IN" ? `JOIN "PolicyNoticePreference" p ON p."userId" = u.id AND p."minorChanges"` : "";
    const inserted = await client.query(
      `INSERT INTO "NoticeDelivery" (id, "campaignId", "userId", "policyVersionId", email)
       SELECT 'nd' || replace(gen_random_uuid()::text, '-', ''), $1, u.id, $2, u.email FROM "User" u ${audienceJoin}
       ON CONFLICT ("userId", "policyVersionId") DO NOTHING`,
      [campaignId, row.policyVersionId],
    );
    const total = await client.query<{ count: string }>(`SELECT count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1`, [campaignId]);
    await client.query(`UPDATE "NoticeCampaign" SET "materializedAt" = now(), total = $2, "updatedAt" = now() WHERE id = $1`, [campaignId, Number(total.rows[0].count)]);
    await client.query("COMMIT");
    return { total: Number(total.rows[0].count), created: inserted.rowCount ?? 0 };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export type CampaignProgress = {
  id: string;
  status: "RUNNING" | "PAUSED" | "CANCELLED" | "COMPLETED";
  audience: string;
  ratePerSecond: number;
  total: number;
  materialized: boolean;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
  remaining: number;
  /** Messages per second over the last minute. */
  currentRate: number;
  etaSeconds: number | null;
  createdAt: Date;
  completedAt: Date | null;
  version: { id: string; version: number; isSubstantive: boolean; effectiveAt: Date | null; document: { slug: string; title: string } };
};

export async function getCampaignProgress(campaignId: string): Promise<CampaignProgress | null> {
  const campaign = await prisma.noticeCampaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true, status: true, audience: true, ratePerSecond: true, total: true, materializedAt: true, createdAt: true, completedAt: true,
      policyVersion: { select: { id: true, version: true, isSubstantive: true, effectiveAt: true, document: { select: { slug: true, title: true } } } },
    },
  });
  if (!campaign) return null;
  const counts = await getPool().query<{ status: string; count: string }>(
    `SELECT status::text, count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1 GROUP BY status`,
    [campaignId],
  );
  const by = Object.fromEntries(counts.rows.map((r) => [r.status, Number(r.count)])) as Record<string, number>;
  const recent = await getPool().query<{ count: string }>(
    `SELECT count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1 AND status = 'SENT' AND "sentAt" > now() - interval '60 seconds'`,
    [campaignId],
  );
  const queued = by.QUEUED ?? 0;
  const sending = by.SENDING ?? 0;
  const remaining = queued + sending;
  const currentRate = Number(recent.rows[0].count) / 60;
  return {
    id: campaign.id, status: campaign.status, audience: campaign.audience, ratePerSecond: campaign.ratePerSecond, total: campaign.total,
    materialized: Boolean(campaign.materializedAt), queued, sending, sent: by.SENT ?? 0, failed: by.FAILED ?? 0, cancelled: by.CANCELLED ?? 0, remaining,
    currentRate,
    etaSeconds: remaining === 0 ? 0 : currentRate > 0 ? Math.ceil(remaining / currentRate) : campaign.status === "RUNNING" ? Math.ceil(remaining / campaign.ratePerSecond) : null,
    createdAt: campaign.createdAt, completedAt: campaign.completedAt, version: campaign.policyVersion,
  };
}

export async function listNoticeCampaigns() {
  const campaigns = await prisma.noticeCampaign.findMany({ orderBy: { createdAt: "desc" }, take: 50, select: { id: true } });
  const progress = await Promise.all(campaigns.map((c) => getCampaignProgress(c.id)));
  return progress.filter((p): p is CampaignProgress => p !== null);
}

export async function listFailedDeliveries(campaignId: string, take = 50) {
  return prisma.noticeDelivery.findMany({
    where: { campaignId, status: "FAILED" },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, email: true, attempts: true, lastCode: true, lastError: true, updatedAt: true },
  });
}

type Admin = { userId: string };
export type CampaignAction = "pause" | "resume" | "cancel";

export async function controlNoticeCampaign(options: { admin: Admin; campaignId: string; action: CampaignAction }) {
  const { admin, campaignId, action } = options;
  const from = { pause: ["RUNNING"], resume: ["PAUSED"], cancel: ["RUNNING", "PAUSED"] }[action] as ("RUNNING" | "PAUSED")[];
  const to = { pause: "PAUSED", resume: "RUNNING", cancel: "CANCELLED" }[action] as "PAUSED" | "RUNNING" | "CANCELLED";
  const changed = await prisma.$transaction(async (tx) => {
    const result = await tx.noticeCampaign.updateMany({ where: { id: campaignId, status: { in: from } }, data: { status: to } });
    if (result.count === 0) return false;
    if (action === "cancel") {
      await tx.noticeDelivery.updateMany({ where: { campaignId, status: "QUEUED" }, data: { status: "CANCELLED", updatedAt: await now() } });
    }
    await recordAudit({ action: `notice.campaign.${action}`, actorId: admin.userId, targetType: "NoticeCampaign", targetId: campaignId }, tx);
    return true;
  });
  if (changed && action === "resume") await kickNoticeCampaign(campaignId).catch((error) => console.error("[notices] kick failed", error));
  return changed;
}

export async function setNoticeCampaignRate(options: { admin: Admin; campaignId: string; ratePerSecond: number }) {
  return prisma.$transaction(async (tx) => {
    const result = await tx.noticeCampaign.updateMany({ where: { id: options.campaignId }, data: { ratePerSecond: options.ratePerSecond } });
    if (result.count === 0) return false;
    await recordAudit({ action: "notice.campaign.rate", actorId: options.admin.userId, targetType: "NoticeCampaign", targetId: options.campaignId, metadata: { ratePerSecond: options.ratePerSecond } }, tx);
    return true;
  });
}
