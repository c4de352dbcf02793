// Job names of the agents domain and how they are enqueued (the handlers live in jobs.ts).
import "server-only";
import { env } from "../core/env";
import { enqueue } from "../core/queue";

export const AGENT_JOBS = {
  /** POSTs a request's current status object to the agent's status_callback (DRP 2.03). */
  statusCallback: "agents.status-callback",
} as const;

/** Queues a status callback for a DRP request, retried with exponential backoff (DRP 2.03.1: best effort for a 200). */
export async function enqueueStatusCallback(agentRequestId: string) {
  await enqueue(
    AGENT_JOBS.statusCallback,
    { agentRequestId },
    { retryLimit: env().DRP_CALLBACK_ATTEMPTS - 1, retryDelay: 2, retryBackoff: true, expireInSeconds: 120 },
  );
}
