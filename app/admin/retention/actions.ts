"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/actions";
import { startRetentionRun } from "@/lib/retention/admin";
import { updateRetentionRule } from "@/lib/retention/rules";
import { retentionRuleSchema, retentionRunSchema } from "@/lib/retention/schema";

export const updateRuleAction = adminAction(
  retentionRuleSchema,
  async (input, { viewer, ip }) => {
    const change = await updateRetentionRule({ admin: viewer, input, ip });
    revalidatePath("/admin/retention");
    return ok(`${change.title}: kept for ${change.to} days (was ${change.from}).`);
  },
  { stepUp: true, echo: ["days"] },
);

export const startRunAction = adminAction(
  retentionRunSchema,
  async (input, { viewer, ip }) => {
    const run = await startRetentionRun({ admin: viewer, dryRun: input.mode === "dry-run", ip });
    revalidatePath("/admin/retention");
    return input.mode === "dry-run"
      ? ok(`Dry run finished: ${run.rows} row${run.rows === 1 ? "" : "s"} would be deleted. Nothing was deleted.`)
      : ok("The purge has started. Its results appear in the run history below.");
  },
  { stepUp: (input) => input.mode === "purge" },
);
