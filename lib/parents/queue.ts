// Job names of parents' requests (the handlers and their definitions live in jobs.ts).
import { EXPORT_READY_JOBS } from "../export/queue";

export const PARENT_JOBS = {
  match: "parents.match",
  exportReady: EXPORT_READY_JOBS.parentRequest,
  erasureCompleted: "parents.erasure-completed",
  sweep: "parents.sweep",
} as const;
