// The sign-in data's housekeeping job (run by the worker, scripts/lib/jobs.ts).
import "server-only";
import { z } from "zod";
import { defineJob } from "../core/queue";
import { purgeExpiredAuthData } from "./purge-expired";

export const authJobs = [
  defineJob({
    name: "maintenance.purge-expired-auth",
    payload: z.unknown(),
    cron: "*/15 * * * *",
    handler: async () => purgeExpiredAuthData(),
  }),
];
