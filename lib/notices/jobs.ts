// pg-boss handlers for the notice fan-out.
//  notices.start  expand a campaign into deliveries, then start sending
//  notices.send   one bounded slice of sending; it queues its successor first,
//                 so a worker killed mid-slice leaves the next slice queued
//  notices.sweep  every minute: restart campaigns whose chain went quiet
import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getPool } from "../core/db";
import { env } from "../core/env";
import { createNoticeTransport, type NoticeTransport } from "./transport";
import { defineJob, enqueue } from "../core/queue";
import { materializeNoticeCampaign, NOTICE_JOBS } from "./campaign";
import type { NoticeRenderers } from "./render";
import { runNoticeSlice, type SenderSettings } from "./sender";

const globalForNotices = globalThis as unknown as { __noticeTransport?: NoticeTransport };

function getNoticeTransport(): NoticeTransport {
  globalForNotices.__noticeTransport ??= createNoticeTransport(env().SMTP_URL, env().NOTICE_SMTP_CONNECTIONS);
  return globalForNotices.__noticeTransport;
}

export function senderSettingsFromEnv(): SenderSettings {
  const e = env();
  return {
    appUrl: e.APP_URL,
    companyName: e.COMPANY_NAME,
    mailFrom: e.MAIL_FROM,
    batchSize: e.NOTICE_BATCH_SIZE,
    concurrency: e.NOTICE_SMTP_CONNECTIONS,
    leaseSeconds: e.NOTICE_LEASE_SECONDS,
    retryBaseSeconds: e.NOTICE_RETRY_BASE_SECONDS,
    maxAttempts: e.NOTICE_MAX_ATTEMPTS,
    sendTimeoutMs: e.NOTICE_SEND_TIMEOUT_SECONDS * 1000,
  };
}

type CampaignJob = { campaignId?: string; lane?: number };

// A campaign sends through NOTICE_SEND_LANES parallel chains ("lanes"); workers pick
// up whichever lane's slice is due, so several workers share one campaign. Lanes
// claim disjoint rows (SKIP LOCKED) and share one rate limit on the campaign row.
async function enqueueSlice(campaignId: string, lane: number, startAfterSeconds = 0) {
  const slice = env().NOTICE_SLICE_SECONDS;
  await enqueue(
    NOTICE_JOBS.send,
    { campaignId, lane },
    { startAfter: startAfterSeconds, retryLimit: 0, expireInSeconds: slice * 3 + 30 },
  );
}

async function enqueueLanes(campaignId: string) {
  for (let lane = 0; lane < env().NOTICE_SEND_LANES; lane++) await enqueueSlice(campaignId, lane);
}

export async function handleNoticeStart(batch: PgBoss.Job<unknown>[]) {
  for (const job of batch) {
    const { campaignId } = job.data as CampaignJob;
    if (!campaignId) continue;
    await materializeNoticeCampaign(campaignId);
    await enqueueLanes(campaignId);
  }
}

/** Slices one worker runs at once (pg-boss v10 works one job per work() call). */
export function noticeSendInstances(): number {
  return Math.min(env().NOTICE_WORKER_SLICES, env().NOTICE_SEND_LANES);
}

export async function handleNoticeSend(batch: PgBoss.Job<unknown>[], renderers: NoticeRenderers) {
  const slice = env().NOTICE_SLICE_SECONDS;
  for (const job of batch) {
    const { campaignId, lane = 0 } = job.data as CampaignJob;
    if (!campaignId) continue;
    const state = await getPool().query<{ status: string }>(`SELECT status::text FROM "NoticeCampaign" WHERE id = $1`, [
      campaignId,
    ]);
    if (state.rows[0]?.status !== "RUNNING") continue;
    // The successor exists before any work is done: a crash cannot end the chain.
    // This slice works until just after the successor may start, so there is
    // no idle gap between slices (overlap is safe: claims skip locked rows).
    await enqueueSlice(campaignId, lane, slice + 2);
    await runNoticeSlice({
      pool: getPool(),
      transport: getNoticeTransport(),
      campaignId,
      settings: senderSettingsFromEnv(),
      renderers,
      deadline: Date.now() + slice * 1000 + 3000,
    });
  }
}

export async function handleNoticeSweep() {
  const slice = env().NOTICE_SLICE_SECONDS;
  const stale = await getPool().query<{ id: string; materializedAt: Date | null }>(
    `SELECT id, "materializedAt" FROM "NoticeCampaign"
      WHERE status = 'RUNNING' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => $1))`,
    [slice * 3 + 10],
  );
  for (const campaign of stale.rows) {
    if (!campaign.materializedAt) await enqueue(NOTICE_JOBS.start, { campaignId: campaign.id });
    else await enqueueLanes(campaign.id);
  }
}

const campaignJob = z.object({ campaignId: z.string().optional(), lane: z.number().int().min(0).optional() });

/** The worker's notice jobs (scripts/lib/jobs.ts), sending with the renderers the domains above supply. */
export function createNoticeJobs(options: { renderers: NoticeRenderers }) {
  return [
    defineJob({
      name: NOTICE_JOBS.start,
      payload: campaignJob,
      handler: handleNoticeStart,
      work: { pollingIntervalSeconds: 1 },
    }),
    defineJob({
      name: NOTICE_JOBS.send,
      payload: campaignJob,
      handler: (batch) => handleNoticeSend(batch, options.renderers),
      work: { pollingIntervalSeconds: 1 },
      instances: noticeSendInstances,
    }),
    defineJob({
      name: NOTICE_JOBS.sweep,
      payload: z.unknown(),
      cron: "* * * * *",
      handler: async () => handleNoticeSweep(),
    }),
  ];
}
