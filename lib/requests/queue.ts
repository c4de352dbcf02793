// Job names of privacy requests (the handlers and their definitions live in jobs.ts).
import { EXPORT_READY_JOBS } from "../export/queue";

export const REQUEST_JOBS = {
  digest: "requests.digest",
  exportReady: EXPORT_READY_JOBS.privacyRequest,
  erasureCompleted: "requests.erasure-completed",
} as const;
