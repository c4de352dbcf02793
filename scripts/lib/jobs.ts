// Every background job the worker runs. Add a job here: its queue name,
// handler, optional cron schedule and pg-boss queue options.
import type PgBoss from "pg-boss";
import { purgeExpiredAuthData } from "../../lib/auth/purge-expired";
import { handleNoticeSend, handleNoticeStart, handleNoticeSweep, noticeSendInstances } from "../../lib/notices/jobs";
import { expireExports, runExportJob } from "../../lib/export/jobs";
import { EXPORT_BUILD_JOB, EXPORT_EXPIRE_JOB, enqueueExport } from "../../lib/export/queue";
import { handleErasureRun, handleErasureSweep } from "../../lib/erasure/jobs";
import { ERASURE_RUN_JOB, ERASURE_SWEEP_JOB } from "../../lib/erasure/request";
import { handleParentErasureCompleted, handleParentExportReady, handleParentMatch, sweepParentRequests } from "../../lib/parents/jobs";
import { PARENT_JOBS } from "../../lib/parents/requests";
import { handleRetentionJob } from "../../lib/retention/jobs";
import { RETENTION_JOB } from "../../lib/retention/purge";
import { handleRequestErasureCompleted, handleRequestExportReady, REQUEST_JOBS, sendDailyDigest } from "../../lib/requests/jobs";
import { handleLegalReminders, LEGAL_JOBS } from "../../lib/legal/jobs";

export type JobDefinition = {
  name: string;
  /** Handles one batch of jobs (pg-boss v10 hands handlers an array). */
  handler: (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>;
  cron?: string;
  queue?: Omit<PgBoss.Queue, "name">;
  work?: PgBoss.WorkOptions;
  /** Jobs of this queue one worker runs at once (one pg-boss work() loop each); default 1. */
  instances?: () => number;
};

export const jobs: JobDefinition[] = [
  {
    name: "maintenance.purge-expired-auth",
    cron: "*/15 * * * *",
    handler: async () => purgeExpiredAuthData(),
  },
  // Policy change notices (lib/notices/jobs.ts).
  { name: "notices.start", handler: handleNoticeStart, work: { pollingIntervalSeconds: 1 } },
  { name: "notices.send", handler: handleNoticeSend, work: { pollingIntervalSeconds: 1 }, instances: noticeSendInstances },
  { name: "notices.sweep", cron: "* * * * *", handler: async () => handleNoticeSweep() },
  {
    // Build a "download my data" archive (one export per job).
    name: EXPORT_BUILD_JOB,
    handler: async (batch) => {
      for (const job of batch) await runExportJob((job.data as { exportId: string }).exportId);
    },
    work: { batchSize: 1, pollingIntervalSeconds: 1 },
  },
  {
    // Delete export archives after EXPORT_TTL_DAYS; re-queue stuck ones.
    name: EXPORT_EXPIRE_JOB,
    cron: "*/10 * * * *",
    handler: async () => expireExports({ requeue: enqueueExport }),
  },
  // Account erasure (lib/erasure/): one job per erasure, resumable; the sweep restarts stalled ones.
  { name: ERASURE_RUN_JOB, handler: handleErasureRun, queue: { retryLimit: 20, retryDelay: 10, retryBackoff: true, expireInSeconds: 3600 }, work: { pollingIntervalSeconds: 1 } },
  { name: ERASURE_SWEEP_JOB, cron: "* * * * *", handler: async () => handleErasureSweep() },
  // Parents' requests (lib/parents/).
  { name: PARENT_JOBS.match, handler: handleParentMatch, work: { pollingIntervalSeconds: 1 } },
  { name: PARENT_JOBS.exportReady, handler: handleParentExportReady, work: { pollingIntervalSeconds: 1 } },
  { name: PARENT_JOBS.erasureCompleted, handler: handleParentErasureCompleted, work: { pollingIntervalSeconds: 1 } },
  { name: PARENT_JOBS.sweep, cron: "*/10 * * * *", handler: async () => sweepParentRequests() },
  // Privacy requests (lib/requests/): the team's daily digest and reminders, completions after exports and erasures.
  { name: REQUEST_JOBS.digest, cron: "0 7 * * *", handler: async () => sendDailyDigest() },
  { name: REQUEST_JOBS.exportReady, handler: handleRequestExportReady, work: { pollingIntervalSeconds: 1 } },
  { name: REQUEST_JOBS.erasureCompleted, handler: handleRequestErasureCompleted, work: { pollingIntervalSeconds: 1 } },
  // Legal-request register (lib/legal/): daily reminders once a prohibition on telling people has ended.
  { name: LEGAL_JOBS.reminders, cron: "0 8 * * *", handler: handleLegalReminders, work: { pollingIntervalSeconds: 1 } },
  // Retention (lib/retention/): the daily purge of expired data, and runs an admin starts.
  { name: RETENTION_JOB, cron: "30 3 * * *", handler: handleRetentionJob, queue: { retryLimit: 10, retryDelay: 60, expireInSeconds: 4 * 3600 }, work: { pollingIntervalSeconds: 1, batchSize: 1 } },
];
