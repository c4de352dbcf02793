// Notice campaigns: created with the publish transaction (outbox), expanded
// into one NoticeDelivery per (user, campaign), then sent by lib/notices/sender.ts
// on pg-boss. Admin controls (pause, resume, cancel, rate) are audited.
// Two kinds share the fan-out: POLICY (a policy version's change notice, every
// user or those opted in to minor changes) and BREACH (a breach notice to the
// people selected in lib/notices/audience.ts).
import "server-only";
import type pg from "pg";
import type { Prisma } from "../generated/prisma/client";
import { prisma, getPool } from "../core/db";
import { env } from "../core/env";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { log } from "../core/log";
import { enqueue } from "../core/queue";
import { assertAdmin, type Viewer } from "../core/viewer";
import { campaignRecipientsSql } from "./audience";

export const NOTICE_JOBS = { start: "notices.start", send: "notices.send", sweep: "notices.sweep" } as const;
export type NoticeAudience = "ALL" | "MINOR_OPT_IN";

export async function createNoticeCampaign(
  tx: Prisma.TransactionClient,
  options: { policyVersionId: string; audience: NoticeAudience; createdById: string | null },
) {
  return tx.noticeCampaign.create({
    data: {
      policyVersionId: options.policyVersionId,
      audience: options.audience,
      createdById: options.createdById,
      ratePerSecond: env().NOTICE_RATE_PER_SECOND,
    },
    select: { id: true },
  });
}

/** A breach notice's campaign, created in the transaction that marks the breach sent. */
export async function createBreachCampaign(
  tx: Prisma.TransactionClient,
  options: { breachId: string; createdById: string | null },
) {
  return tx.noticeCampaign.create({
    data: {
      kind: "BREACH",
      breachId: options.breachId,
      audience: "BREACH",
      createdById: options.createdById,
      ratePerSecond: env().NOTICE_RATE_PER_SECOND,
    },
    select: { id: true },
  });
}

/** Asks a worker to expand and send the campaign (idempotent). */
export async function kickNoticeCampaign(campaignId: string) {
  await enqueue(NOTICE_JOBS.start, { campaignId }, { retryLimit: 5, retryDelay: 5, retryBackoff: true });
}

/** Creates the delivery rows in one statement; ON CONFLICT keeps it one per (user, campaign) and (user, version). */
export async function materializeNoticeCampaign(
  campaignId: string,
  pool: pg.Pool = getPool(),
): Promise<{ total: number; created: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const campaign = await client.query<{
      kind: "POLICY" | "BREACH";
      policyVersionId: string | null;
      breachId: string | null;
      audience: string;
      materializedAt: Date | null;
      total: number;
    }>(
      `SELECT kind::text AS kind, "policyVersionId", "breachId", audience, "materializedAt", total FROM "NoticeCampaign" WHERE id = $1 FOR UPDATE`,
      [campaignId],
    );
    const row = campaign.rows[0];
    if (!row) throw new Error(`no notice campaign ${campaignId}`);
    if (row.materializedAt) {
      await client.query("COMMIT");
      return { total: row.total, created: 0 };
    }
    const recipients = await campaignRecipientsSql(client, row, 3);
    const inserted = await client.query(
      `INSERT INTO "NoticeDelivery" (id, "campaignId", "userId", "policyVersionId", email)
       SELECT 'nd' || replace(gen_random_uuid()::text, '-', ''), $1, u.id, $2, u.email FROM ${recipients.from}
       ON CONFLICT DO NOTHING`,
      [campaignId, row.policyVersionId, ...recipients.params],
    );
    const total = await client.query<{ count: string }>(
      `SELECT count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1`,
      [campaignId],
    );
    await client.query(
      `UPDATE "NoticeCampaign" SET "materializedAt" = now(), total = $2, "updatedAt" = now() WHERE id = $1`,
      [campaignId, Number(total.rows[0].count)],
    );
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
  kind: "POLICY" | "BREACH";
  breachId: string | null;
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
  /** The policy version (POLICY campaigns only). */
  version: {
    id: string;
    version: number;
    isSubstantive: boolean;
    effectiveAt: Date | null;
    document: { slug: string; title: string };
  } | null;
};

type ProgressRow = {
  id: string;
  kind: CampaignProgress["kind"];
  breachId: string | null;
  status: CampaignProgress["status"];
  audience: string;
  ratePerSecond: number;
  total: number;
  materializedAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  versionId: string | null;
  version: number;
  isSubstantive: boolean;
  effectiveAt: Date | null;
  slug: string;
  title: string;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
  recent: number;
};

// One statement for any number of campaigns: the campaign, its policy version (if
// any) and its delivery counts by status (plus sends in the last minute, for the rate).
const PROGRESS_SQL = `
  SELECT c.id, c.kind::text AS kind, c."breachId", c.status::text AS status, c.audience, c."ratePerSecond", c.total, c."materializedAt", c."createdAt", c."completedAt",
         v.id AS "versionId", v.version, v."isSubstantive", v."effectiveAt", d.slug, d.title,
         s.queued, s.sending, s.sent, s.failed, s.cancelled, s.recent
    FROM "NoticeCampaign" c
    LEFT JOIN "PolicyVersion" v ON v.id = c."policyVersionId"
    LEFT JOIN "PolicyDocument" d ON d.id = v."documentId"
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE status = 'QUEUED')::int AS queued,
             count(*) FILTER (WHERE status = 'SENDING')::int AS sending,
             count(*) FILTER (WHERE status = 'SENT')::int AS sent,
             count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
             count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
             count(*) FILTER (WHERE status = 'SENT' AND "sentAt" > now() - interval '60 seconds')::int AS recent
        FROM "NoticeDelivery" nd WHERE nd."campaignId" = c.id
    ) s`;

function toProgress(row: ProgressRow): CampaignProgress {
  const remaining = row.queued + row.sending;
  const currentRate = row.recent / 60;
  return {
    id: row.id,
    kind: row.kind,
    breachId: row.breachId,
    status: row.status,
    audience: row.audience,
    ratePerSecond: row.ratePerSecond,
    total: row.total,
    materialized: Boolean(row.materializedAt),
    queued: row.queued,
    sending: row.sending,
    sent: row.sent,
    failed: row.failed,
    cancelled: row.cancelled,
    remaining,
    currentRate,
    etaSeconds:
      remaining === 0
        ? 0
        : currentRate > 0
          ? Math.ceil(remaining / currentRate)
          : row.status === "RUNNING"
            ? Math.ceil(remaining / row.ratePerSecond)
            : null,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    version: row.versionId
      ? {
          id: row.versionId,
          version: row.version,
          isSubstantive: row.isSubstantive,
          effectiveAt: row.effectiveAt,
          document: { slug: row.slug, title: row.title },
        }
      : null,
  };
}

export async function getCampaignProgress({
  admin,
  campaignId,
}: {
  admin: Viewer;
  campaignId: string;
}): Promise<CampaignProgress | null> {
  assertAdmin(admin);
  const { rows } = await getPool().query<ProgressRow>(`${PROGRESS_SQL} WHERE c.id = $1`, [campaignId]);
  return rows[0] ? toProgress(rows[0]) : null;
}

/** The newest campaigns of one kind with their progress, in one query. */
export async function listNoticeCampaigns({
  admin,
  take = 50,
  kind = "POLICY",
}: {
  admin: Viewer;
  take?: number;
  kind?: CampaignProgress["kind"];
}): Promise<CampaignProgress[]> {
  assertAdmin(admin);
  const { rows } = await getPool().query<ProgressRow>(
    `${PROGRESS_SQL} WHERE c.kind = $2::"NoticeCampaignKind" ORDER BY c."createdAt" DESC LIMIT $1`,
    [take, kind],
  );
  return rows.map(toProgress);
}

export async function listFailedDeliveries({
  admin,
  campaignId,
  take = 50,
}: {
  admin: Viewer;
  campaignId: string;
  take?: number;
}) {
  assertAdmin(admin);
  return prisma.noticeDelivery.findMany({
    where: { campaignId, status: "FAILED" },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, email: true, attempts: true, lastCode: true, lastError: true, updatedAt: true },
  });
}

export type CampaignAction = "pause" | "resume" | "cancel";

/** Pause, resume or cancel; a campaign not in a state that allows it is an INVALID_STATE error. */
export async function controlNoticeCampaign(options: { admin: Viewer; campaignId: string; action: CampaignAction }) {
  const { admin, campaignId, action } = options;
  assertAdmin(admin);
  const from = { pause: ["RUNNING"], resume: ["PAUSED"], cancel: ["RUNNING", "PAUSED"] }[action] as (
    "RUNNING" | "PAUSED"
  )[];
  const to = { pause: "PAUSED", resume: "RUNNING", cancel: "CANCELLED" }[action] as "PAUSED" | "RUNNING" | "CANCELLED";
  await prisma.$transaction(async (tx) => {
    const result = await tx.noticeCampaign.updateMany({
      where: { id: campaignId, status: { in: from } },
      data: { status: to },
    });
    if (result.count === 0) throw new AppError("INVALID_STATE", { reason: "CAMPAIGN" });
    if (action === "cancel") {
      await tx.noticeDelivery.updateMany({
        where: { campaignId, status: "QUEUED" },
        data: { status: "CANCELLED", updatedAt: await now() },
      });
    }
    await recordAudit(
      {
        action: `notice.campaign.${action}`,
        actorId: admin.userId,
        targetType: "NoticeCampaign",
        targetId: campaignId,
      },
      tx,
    );
  });
  if (action === "resume")
    await kickNoticeCampaign(campaignId).catch((error) =>
      log.error("notice campaign could not be resumed; the sweep retries", { campaignId, error }),
    );
}

export async function setNoticeCampaignRate(options: { admin: Viewer; campaignId: string; ratePerSecond: number }) {
  assertAdmin(options.admin);
  await prisma.$transaction(async (tx) => {
    const result = await tx.noticeCampaign.updateMany({
      where: { id: options.campaignId },
      data: { ratePerSecond: options.ratePerSecond },
    });
    if (result.count === 0) throw new AppError("NOT_FOUND", { reason: "CAMPAIGN" });
    await recordAudit(
      {
        action: "notice.campaign.rate",
        actorId: options.admin.userId,
        targetType: "NoticeCampaign",
        targetId: options.campaignId,
        metadata: { ratePerSecond: options.ratePerSecond },
      },
      tx,
    );
  });
}
