// The retention job: daily on a schedule (a new run), or a run an admin queued.
import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { defineJob } from "../core/queue";
import { createRetentionRun, executeRetentionRun, RETENTION_JOB } from "./purge";

export async function handleRetentionJob(batch: PgBoss.Job<unknown>[]) {
  for (const job of batch) {
    const data = (job.data ?? {}) as { runId?: string; actorId?: string };
    const runId = data.runId ?? (await createRetentionRun({ dryRun: false, trigger: "schedule" })).id;
    const outcome = await executeRetentionRun(runId, { actorId: data.actorId ?? null });
    if (outcome !== "busy") continue;
    // Another run holds the lock: a scheduled run is simply dropped (the running one does the work),
    // a queued admin run fails this job so that pg-boss retries it later.
    if (!data.runId) await prisma.retentionRun.delete({ where: { id: runId } });
    else throw new AppError("CONFLICT", { reason: "RETENTION_BUSY" });
  }
}

/** The worker's retention job (scripts/lib/jobs.ts): the daily purge of expired data, and runs an admin starts. */
export const retentionJobs = [
  defineJob({
    name: RETENTION_JOB,
    payload: z.object({ runId: z.string().optional(), actorId: z.string().optional() }).nullish(),
    cron: "30 3 * * *",
    handler: handleRetentionJob,
    queue: { retryLimit: 10, retryDelay: 60, expireInSeconds: 4 * 3600 },
    work: { pollingIntervalSeconds: 1, batchSize: 1 },
  }),
];
