// Background side of exports (pg-boss handlers, run by the worker): build the
// archive with visible progress, email the owner, and delete expired archives.
import "server-only";
import fs from "node:fs";
import { createElement } from "react";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { getPool, prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { ExportReadyEmail } from "../email/templates/export-ready";
import { now } from "../core/clock";
import { env } from "../core/env";
import { formatDate } from "../core/format";
import { log } from "../core/log";
import { defineJob, enqueue } from "../core/queue";
import { buildExportArchive, type ExportProgress } from "./build";
import { exportFileName, removeExportFile, removeExportFiles } from "./files";
import { ensureSpoolDir, exportStorage, spoolPath } from "./storage";
import { EXPORT_BUILD_JOB, EXPORT_EXPIRE_JOB, EXPORT_READY_JOBS, enqueueExport } from "./queue";

export { EXPORT_BUILD_JOB, EXPORT_EXPIRE_JOB } from "./queue";

/** Progress writes are throttled and serialised: at most one in flight, the latest wins. */
function createProgressWriter(exportId: string) {
  let latest: ExportProgress | null = null;
  let writing: Promise<void> | null = null;
  let lastWrite = 0;
  const write = async () => {
    while (latest) {
      const progress = latest;
      latest = null;
      await prisma.exportJob
        .update({
          where: { id: exportId },
          data: {
            doneRows: progress.doneRows,
            totalRows: progress.totalRows,
            currentCategory: progress.currentCategory,
          },
        })
        .catch(() => {});
    }
    writing = null;
  };
  return {
    update(progress: ExportProgress) {
      latest = progress;
      const now = Date.now();
      if (writing || now - lastWrite < 400) return;
      lastWrite = now;
      writing = write();
    },
    async flush() {
      if (writing) await writing;
    },
  };
}

export async function runExportJob(exportId: string): Promise<void> {
  const job = await prisma.exportJob.findUnique({
    where: { id: exportId },
    select: {
      id: true,
      status: true,
      userId: true,
      subjectEmail: true,
      parentRequestId: true,
      privacyRequestId: true,
      user: { select: { email: true, restrictedAt: true } },
    },
  });
  if (!job || job.status === "READY" || job.status === "EXPIRED") return;
  // Processing of a restricted account (being erased, or under review) has stopped; only the
  // export an approved parent asked to review is still built.
  const email = job.user?.email ?? job.subjectEmail;
  if (!email) {
    await prisma.exportJob.update({ where: { id: job.id }, data: { status: "FAILED", error: "Nobody to export." } });
    return;
  }
  if (job.user?.restrictedAt && !job.parentRequestId && !job.privacyRequestId) {
    await prisma.exportJob.update({
      where: { id: job.id },
      data: { status: "FAILED", error: "Processing of this account is paused." },
    });
    return;
  }
  await ensureSpoolDir();
  const fileName = exportFileName(job.id);
  const partPath = spoolPath(`${fileName}.part`);
  await prisma.exportJob.update({
    where: { id: job.id },
    data: { status: "RUNNING", startedAt: await now(), doneRows: 0, error: null },
  });
  const progress = createProgressWriter(job.id);
  const buildStarted = Date.now();
  try {
    const result = await buildExportArchive({
      pool: getPool(),
      exportId: job.id,
      userId: job.userId,
      email,
      matchEmail: Boolean(job.subjectEmail),
      outputPath: partPath,
      companyName: env().COMPANY_NAME,
      appUrl: env().APP_URL,
      onProgress: (update) => progress.update(update),
    });
    await progress.flush();
    // Into shared storage before the row says READY: any instance can serve it from then on.
    await exportStorage().save(fileName, partPath);
    const completedAt = await now();
    const expiresAt = new Date(completedAt.getTime() + env().EXPORT_TTL_DAYS * 86_400_000);
    await prisma.$transaction(async (tx) => {
      await tx.exportJob.update({
        where: { id: job.id },
        data: {
          status: "READY",
          fileName,
          fileSize: BigInt(result.bytes),
          sha256: result.sha256,
          completedAt,
          expiresAt,
          doneRows: result.manifest.totals.rows,
          totalRows: result.manifest.totals.rows,
          currentCategory: null,
        },
      });
      await recordAudit(
        {
          action: "export.ready",
          actorId: job.userId,
          targetType: "ExportJob",
          targetId: job.id,
          metadata: { rows: result.manifest.totals.rows, bytes: result.bytes },
        },
        tx,
      );
    });
    log.info("export built", {
      exportId: job.id,
      rows: result.manifest.totals.rows,
      bytes: result.bytes,
      seconds: (Date.now() - buildStarted) / 1000,
      storage: exportStorage().kind,
    });
    if (job.privacyRequestId) {
      // An access request completes with this export (and its own email to the person).
      await enqueue(EXPORT_READY_JOBS.privacyRequest, { exportJobId: job.id }, { retryLimit: 5, retryDelay: 5 });
      return;
    }
    if (job.parentRequestId) {
      // The parent is told, not the account's owner.
      await enqueue(
        EXPORT_READY_JOBS.parentRequest,
        { parentRequestId: job.parentRequestId },
        { retryLimit: 5, retryDelay: 5, singletonKey: `parent-ready:${job.parentRequestId}`, singletonSeconds: 30 },
      );
      return;
    }
    try {
      await sendEmail({
        to: email,
        subject: "Your data export is ready",
        template: createElement(ExportReadyEmail, {
          url: `${env().APP_URL}/account/data#export`,
          companyName: env().COMPANY_NAME,
          expiresAt: `${formatDate(expiresAt, "longDateTime")} UTC`,
          rows: result.manifest.totals.rows,
        }),
      });
    } catch (error) {
      log.error("export ready email failed", { exportId: job.id, error });
    }
  } catch (error) {
    await progress.flush();
    await fs.promises.rm(partPath, { force: true });
    await prisma.exportJob.update({
      where: { id: job.id },
      data: { status: "FAILED", error: "The export could not be built. Please try again." },
    });
    log.error("export failed", { exportId: job.id, error, stack: (error as Error).stack });
    throw error;
  }
}

/** Deletes archives past their expiry (and leftovers of failed builds); re-queues stuck jobs. */
export async function expireExports(options: { now?: Date; requeue?: (exportId: string) => Promise<unknown> } = {}) {
  const at = options.now ?? (await now());
  const expired = await prisma.exportJob.findMany({
    where: { status: "READY", expiresAt: { lte: at } },
    select: { id: true, userId: true, fileName: true },
  });
  for (const job of expired) {
    if (job.fileName) await removeExportFile(job.fileName);
    await prisma.$transaction(async (tx) => {
      await tx.exportJob.update({ where: { id: job.id }, data: { status: "EXPIRED", fileName: null, deletedAt: at } });
      await recordAudit({ action: "export.expired", actorId: null, targetType: "ExportJob", targetId: job.id }, tx);
    });
  }
  // A worker that died mid-build leaves RUNNING behind; pg-boss retries within its 1 h expiry,
  // so anything still RUNNING after 2 h is given up (and stops blocking a new export).
  await prisma.exportJob.updateMany({
    where: { status: "RUNNING", startedAt: { lte: new Date(at.getTime() - 2 * 3_600_000) } },
    data: { status: "FAILED", error: "The export could not be built. Please try again." },
  });
  const failed = await prisma.exportJob.findMany({
    where: { status: "FAILED", deletedAt: null },
    select: { id: true },
  });
  for (const job of failed) {
    await removeExportFiles(job.id);
    await prisma.exportJob.update({ where: { id: job.id }, data: { deletedAt: at } });
  }
  // Files no database row accounts for (e.g. a reset test database) are removed once older
  // than any export could legitimately be.
  const maxAgeMs = (env().EXPORT_TTL_DAYS + 1) * 86_400_000;
  let orphans = 0;
  for (const object of await exportStorage().list()) {
    if (at.getTime() - object.modifiedAt.getTime() < maxAgeMs) continue;
    const id = object.name.split(".")[0];
    if (object.name.endsWith(".permission")) {
      // An agent's permission file lives as long as its request (deleted with it).
      if ((await prisma.agentPermissionUpload.count({ where: { storageKey: object.name } })) > 0) continue;
      await exportStorage().removePrefix(object.name);
      orphans++;
      continue;
    }
    const live = await prisma.exportJob.count({ where: { id, status: { in: ["QUEUED", "RUNNING", "READY"] } } });
    if (live === 0) {
      await removeExportFiles(id);
      orphans++;
    }
  }
  if (options.requeue) {
    const stuck = await prisma.exportJob.findMany({
      where: { status: "QUEUED", createdAt: { lte: new Date(at.getTime() - 5 * 60_000) } },
      select: { id: true },
    });
    for (const job of stuck) await options.requeue(job.id);
  }
  return { expired: expired.length, failedCleaned: failed.length, orphans };
}

/** The worker's export jobs (scripts/lib/jobs.ts). */
export const exportJobs = [
  defineJob({
    // Build a "download my data" archive (one export per job).
    name: EXPORT_BUILD_JOB,
    payload: z.object({ exportId: z.string() }),
    handler: async (batch) => {
      for (const job of batch) await runExportJob(job.data.exportId);
    },
    work: { batchSize: 1, pollingIntervalSeconds: 1 },
  }),
  defineJob({
    // Delete export archives after EXPORT_TTL_DAYS; re-queue stuck ones.
    name: EXPORT_EXPIRE_JOB,
    payload: z.unknown(),
    cron: "*/10 * * * *",
    handler: async () => expireExports({ requeue: enqueueExport }),
  }),
];
