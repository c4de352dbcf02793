// Input schemas of retention: a rule's period and a run an admin starts.
import { z } from "zod";
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN, findRetentionTarget } from "./targets";

export const retentionRuleSchema = z.object({
  target: z.string().refine((value) => findRetentionTarget(value) !== undefined, "Unknown kind of data."),
  days: z.coerce
    .number({ message: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(RETENTION_DAYS_MIN, `Keep it at least ${RETENTION_DAYS_MIN} day.`)
    .max(RETENTION_DAYS_MAX, `At most ${RETENTION_DAYS_MAX} days.`),
});

export const retentionRunSchema = z.object({
  mode: z.enum(["dry-run", "purge"], { message: "Choose a dry run or a purge." }),
});
