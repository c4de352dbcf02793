// Status callbacks (DRP 2.03): every change of a DRP request's status object is POSTed to the
// agent's status_callback, retried with exponential backoff until the agent answers 2xx.
import "server-only";
import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { log } from "../core/log";
import { defineJob } from "../core/queue";
import { CallbackRefused, postCallback } from "./callback";
import { buildStatusObject, requestSelect, withArchive } from "./protocol";
import { REQUEST_JOBS } from "../requests/queue";
import { AGENT_JOBS, enqueueStatusCallback } from "./queue";

const payload = z.object({ agentRequestId: z.string().uuid() });

/** Sends the request's current status object unless the agent already has it; throws to retry. */
export async function sendStatusCallback(agentRequestId: string): Promise<"sent" | "unchanged" | "none" | "refused"> {
  const found = await prisma.agentRequest.findUnique({
    where: { id: agentRequestId },
    select: { ...requestSelect, statusCallback: true, lastCallbackHash: true },
  });
  if (!found?.statusCallback) return "none";
  const row = await withArchive(found);
  const at = await now();
  const body = buildStatusObject(row, at);
  const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  if (hash === found.lastCallbackHash) return "unchanged";
  try {
    const status = await postCallback(found.statusCallback, body);
    if (status < 200 || status >= 300) throw new Error(`status callback answered ${status}`);
  } catch (error) {
    if (error instanceof CallbackRefused) {
      log.warn("status callback refused", { agentId: found.agentId, reason: error.message });
      return "refused";
    }
    throw error;
  }
  await prisma.agentRequest.update({
    where: { id: agentRequestId },
    data: { lastCallbackHash: hash, lastCallbackAt: at },
  });
  return "sent";
}

/** A privacy request changed (requests.status-changed): if an agent filed it, its callback is queued. */
export async function queueCallbackForPrivacyRequest(privacyRequestId: string) {
  const row = await prisma.agentRequest.findUnique({
    where: { privacyRequestId },
    select: { id: true, statusCallback: true },
  });
  if (row?.statusCallback) await enqueueStatusCallback(row.id);
}

export async function handleStatusCallbacks(jobs: PgBoss.Job<unknown>[]) {
  for (const job of jobs) await sendStatusCallback(payload.parse(job.data).agentRequestId);
}

/** The worker's agent jobs (scripts/lib/jobs.ts). */
export const agentJobs = [
  defineJob({
    name: AGENT_JOBS.statusCallback,
    payload,
    handler: handleStatusCallbacks,
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    name: REQUEST_JOBS.statusChanged,
    payload: z.object({ requestId: z.string().min(1).max(64) }),
    handler: async (jobs: PgBoss.Job<{ requestId: string }>[]) => {
      for (const job of jobs) await queueCallbackForPrivacyRequest(job.data.requestId);
    },
    work: { pollingIntervalSeconds: 1 },
  }),
];
