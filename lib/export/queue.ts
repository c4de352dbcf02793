// Export job names and enqueueing (imported by the app; the handlers live in jobs.ts).
import { enqueue } from "../core/queue";

export const EXPORT_BUILD_JOB = "export.build";
export const EXPORT_EXPIRE_JOB = "export.expire";
/**
 * Who is told when an export built for them is ready: the domain that asked for it
 * (requests, parents; above this one) defines a job of this name.
 */
export const EXPORT_READY_JOBS = {
  privacyRequest: "requests.export-ready",
  parentRequest: "parents.export-ready",
} as const;

export async function enqueueExport(exportId: string) {
  return enqueue(
    EXPORT_BUILD_JOB,
    { exportId },
    { singletonKey: exportId, retryLimit: 1, retryDelay: 5, expireInSeconds: 3600 },
  );
}
