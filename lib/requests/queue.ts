// Job names of privacy requests (the handlers and their definitions live in jobs.ts).
import { REQUEST_STATUS_CHANGED_JOB } from "../erasure/queue";
import { EXPORT_READY_JOBS } from "../export/queue";

export const REQUEST_JOBS = {
  digest: "requests.digest",
  exportReady: EXPORT_READY_JOBS.privacyRequest,
  erasureCompleted: "requests.erasure-completed",
  /** After an address is verified: find where it appears (lib/requests/public.ts). */
  matchSubject: "requests.match-subject",
  /** Hourly: requests filed by address and not confirmed within 7 days are deleted. */
  sweepUnconfirmed: "requests.sweep-unconfirmed",
  /**
   * Sent after every status change of a request, payload `{ requestId }` (the handler reads the
   * request's current state; it may run more than once or after a later change). The DRP domain
   * registers the handler that posts status callbacks to agents.
   */
  statusChanged: REQUEST_STATUS_CHANGED_JOB,
} as const;
