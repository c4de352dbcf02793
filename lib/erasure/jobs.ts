// pg-boss handlers: erasure.run runs one erasure (resumable), erasure.sweep
// restarts any erasure whose worker went quiet (killed, or the job was lost).
import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { log } from "../core/log";
import { defineJob } from "../core/queue";
import { runErasure } from "./engine";
import { ERASURE_RUN_JOB, ERASURE_SWEEP_JOB, kickErasure } from "./request";

const STALE_MS = 2 * 60_000;

export async function handleErasureRun(jobs: PgBoss.Job<unknown>[]) {
  for (const job of jobs) {
    const { erasureId } = job.data as { erasureId: string };
    const outcome = await runErasure(erasureId);
    log.info("erasure run", { erasureId, outcome });
  }
}

export async function handleErasureSweep() {
  const at = await now();
  const stale = new Date(at.getTime() - STALE_MS);
  const waiting = await prisma.erasure.findMany({
    where: {
      OR: [{ status: { in: ["QUEUED", "RUNNING", "ERASED"] } }, { status: "COMPLETED", NOT: { step: "done" } }],
      AND: [
        {
          OR: [
            { heartbeatAt: null, createdAt: { lt: new Date(at.getTime() - 30_000) } },
            { heartbeatAt: { lt: stale } },
          ],
        },
      ],
    },
    select: { id: true },
    take: 100,
  });
  for (const erasure of waiting) await kickErasure(erasure.id);
  return { restarted: waiting.length };
}

/** The worker's erasure jobs (scripts/lib/jobs.ts): one job per erasure, resumable; the sweep restarts stalled ones. */
export const erasureJobs = [
  defineJob({
    name: ERASURE_RUN_JOB,
    payload: z.object({ erasureId: z.string() }),
    handler: handleErasureRun,
    queue: { retryLimit: 20, retryDelay: 10, retryBackoff: true, expireInSeconds: 3600 },
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    name: ERASURE_SWEEP_JOB,
    payload: z.unknown(),
    cron: "* * * * *",
    handler: async () => handleErasureSweep(),
  }),
];
