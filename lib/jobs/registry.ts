// Every background job the worker runs. Add a job here: its queue name,
// handler, optional cron schedule and pg-boss queue options.
import type PgBoss from "pg-boss";
import { purgeExpiredAuthData } from "../maintenance/purge-expired";
import { handleNoticeSend, handleNoticeStart, handleNoticeSweep } from "../notices/jobs";

export type JobDefinition = {
  name: string;
  /** Handles one batch of jobs (pg-boss v10 hands handlers an array). */
  handler: (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>;
  cron?: string;
  queue?: Omit<PgBoss.Queue, "name">;
  work?: PgBoss.WorkOptions;
};

export const jobs: JobDefinition[] = [
  {
    name: "maintenance.purge-expired-auth",
    cron: "*/15 * * * *",
    handler: async () => purgeExpiredAuthData(),
  },
  // issue 5: policy change notices (see lib/notices/jobs.ts)
  { name: "notices.start", handler: handleNoticeStart, work: { pollingIntervalSeconds: 1 } },
  { name: "notices.send", handler: handleNoticeSend, work: { pollingIntervalSeconds: 1 } },
  { name: "notices.sweep", cron: "* * * * *", handler: async () => handleNoticeSweep() },
];
