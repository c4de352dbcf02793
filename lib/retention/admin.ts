// Runs an admin starts from /admin/retention: a dry run is done at once (it only
// counts); a purge is queued for the worker, which may take minutes on large tables.
import "server-only";
import { assertAdmin, type Viewer } from "../core/viewer";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { enqueue } from "../core/queue";
import { createRetentionRun, executeRetentionRun, RETENTION_JOB } from "./purge";

export async function startRetentionRun(options: { admin: Viewer; dryRun: boolean; ip?: string }) {
  const { admin } = options;
  assertAdmin(admin);
  // A run left RUNNING by a worker that died stops counting after the job's 4 h expiry.
  const active = await prisma.retentionRun.count({
    where: {
      status: { in: ["QUEUED", "RUNNING"] },
      dryRun: false,
      startedAt: { gt: new Date(Date.now() - 4 * 3_600_000) },
    },
  });
  if (!options.dryRun && active > 0) throw new AppError("CONFLICT", { reason: "RETENTION_BUSY" });
  const run = await createRetentionRun({ dryRun: options.dryRun, trigger: "admin" });
  if (!options.dryRun) {
    await enqueue(RETENTION_JOB, { runId: run.id, actorId: admin.userId }, { singletonKey: `retention:${run.id}` });
    return { runId: run.id, rows: 0 };
  }
  const outcome = await executeRetentionRun(run.id, { actorId: admin.userId });
  if (outcome === "busy") {
    await prisma.retentionRun.delete({ where: { id: run.id } });
    throw new AppError("CONFLICT", { reason: "RETENTION_BUSY" });
  }
  const items = await prisma.retentionRunItem.findMany({ where: { runId: run.id }, select: { rows: true } });
  return { runId: run.id, rows: items.reduce((sum, item) => sum + item.rows, 0) };
}
