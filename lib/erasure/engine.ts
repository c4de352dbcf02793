// The erasure engine: runs one Erasure row to the end, idempotently, so that a
// worker killed at any point resumes where it stopped when the job runs again.
//   1. export archives: deleted from storage (a build still running postpones the job);
//   2. large tables in keyset batches (other people's queries stay fast), each batch
//      adding its count to Erasure.progress in the same statement (the receipt);
//   3. the remaining categories counted;
//   4. one transaction: scrub what is kept, delete by address what has no owner
//      id, suppression entry, delete the account row (everything else cascades,
//      PersonKey included: the audit log is crypto-shredded), status ERASED;
//   5. the receipt email, then COMPLETED, then the caller's onComplete job.
// Only one worker runs an erasure at a time (an advisory lock per erasure).
import "server-only";
import type pg from "pg";
import { createElement } from "react";
import { recordAudit } from "../audit/record";
import { forgetSignInAttempts } from "../auth/rate-limit";
import { now } from "../core/clock";
import { categories, emailKeyedDatasets } from "../data/registry";
import { countDatasets } from "../data/queries";
import { getPool, prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { ErasureReceiptEmail } from "../email/templates/erasure-receipt";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { removeExportFiles } from "../export/files";
import { exportStorage } from "../export/storage";
import { log } from "../core/log";
import { enqueue } from "../core/queue";
import { Prisma } from "../generated/prisma/client";
import { BATCHED_RULES, KEPT_FOR_PEOPLE } from "./plan";
import { ACCOUNT_ERASED, ACCOUNT_ERASED_TEXT, REQUEST_STATUS_CHANGED_JOB } from "./queue";
import { suppressEmail } from "./suppression";

export type ErasureCounts = {
  categories: { slug: string; title: string; count: number; note?: string }[];
  exportArchives: number;
  total: number;
};

/** Categories whose rows are kept without the person's details rather than deleted (plan.ts, "scrub"). */
const KEPT_WITHOUT_DETAILS: Record<string, string> = {
  requests: "your details removed; the record that we answered is kept (see below)",
};

type Options = {
  batchSize?: number;
  pool?: pg.Pool;
  onBatch?: (table: string, deleted: number) => void | Promise<void>;
  /** Time spent per step (benchmarks). */
  onStep?: (step: string, ms: number) => void;
};

const DEFAULT_BATCH = 10_000;
/** The first window of a batched table (deleteInBatches widens it until a batch holds about batchSize rows). */
const FIRST_WINDOW_MS = 60_000;

export async function runErasure(erasureId: string, options: Options = {}): Promise<"done" | "busy"> {
  const pool = options.pool ?? getPool();
  const lockClient = await pool.connect();
  try {
    const { rows } = await lockClient.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('erasure:' || $1)) AS locked`,
      [erasureId],
    );
    if (!rows[0].locked) return "busy"; // another worker has it
    try {
      await runLocked(erasureId, pool, options);
      return "done";
    } finally {
      await lockClient.query(`SELECT pg_advisory_unlock(hashtext('erasure:' || $1))`, [erasureId]);
    }
  } finally {
    lockClient.release();
  }
}

async function runLocked(erasureId: string, pool: pg.Pool, options: Options) {
  const erasure = await prisma.erasure.findUnique({ where: { id: erasureId } });
  if (!erasure) throw new AppError("NOT_FOUND", { reason: "ERASURE" });
  if (erasure.status === "COMPLETED" && erasure.step === "done") return;

  if (erasure.status === "QUEUED" || erasure.status === "RUNNING") {
    const userId = erasure.userId;
    if (!userId) throw new Error(`erasure ${erasureId} lost its account id before the account was erased`);
    await prisma.erasure.update({
      where: { id: erasureId },
      data: {
        status: "RUNNING",
        startedAt: erasure.startedAt ?? (await now()),
        attempts: { increment: 1 },
        heartbeatAt: await now(),
      },
    });
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      options.onStep?.(name, performance.now() - started);
      return result;
    };
    await step("exports", () => eraseExports(pool, userId, erasureId));
    for (const rule of BATCHED_RULES)
      await step(rule.table, () => deleteInBatches(pool, rule, userId, erasureId, options));
    const counts = await step("count", () => countEverything(pool, userId, erasureId));
    await step("account", () => finalTransaction(erasureId, userId, counts));
  }

  const current = await prisma.erasure.findUniqueOrThrow({ where: { id: erasureId } });
  if (current.status === "ERASED") {
    if (current.sendReceipt && current.receiptEmail) {
      await sendEmail({
        to: current.receiptEmail,
        subject: "Your account and data have been deleted",
        template: createElement(ErasureReceiptEmail, {
          companyName: env().COMPANY_NAME,
          erasedAt: current.erasedAt ?? (await now()),
          counts: current.counts as ErasureCounts,
          kept: KEPT_FOR_PEOPLE,
          requestedBy: current.requester,
        }),
      });
    }
    await prisma.erasure.update({
      where: { id: erasureId },
      data: { status: "COMPLETED", receiptEmail: null, completedAt: await now(), step: "receipt-sent" },
    });
  }

  const finished = await prisma.erasure.findUniqueOrThrow({ where: { id: erasureId } });
  if (finished.status === "COMPLETED" && finished.step !== "done") {
    if (finished.onCompleteQueue) {
      await enqueue(
        finished.onCompleteQueue,
        { ...((finished.onCompleteData as Record<string, string> | null) ?? {}), erasureId, counts: finished.counts },
        { singletonKey: `erasure-done:${erasureId}` },
      );
    }
    await prisma.erasure.update({ where: { id: erasureId }, data: { step: "done" } });
  }
}

/**
 * What the receipt lists, per data category: the large tables' rows as the batches
 * deleted them (kept in Erasure.progress, exact across restarts), everything else
 * counted now, just before the account row takes it with it.
 */
async function countEverything(pool: pg.Pool, userId: string, erasureId: string): Promise<ErasureCounts> {
  const batchedTables = new Set(BATCHED_RULES.map((rule) => rule.table));
  const [remaining, erasure] = await Promise.all([
    countDatasets(pool, userId, (dataset) => !batchedTables.has(dataset.table)),
    prisma.erasure.findUniqueOrThrow({ where: { id: erasureId }, select: { progress: true } }),
  ]);
  const progress = erasure.progress as Record<string, number>;
  const perCategory = categories.map((category) => ({
    slug: category.slug,
    title: category.title,
    count: category.datasets.reduce(
      (sum, dataset) => sum + (progress[dataset.table] ?? 0) + (remaining.get(dataset.key)?.total ?? 0),
      0,
    ),
    ...(KEPT_WITHOUT_DETAILS[category.slug] ? { note: KEPT_WITHOUT_DETAILS[category.slug] } : {}),
  }));
  const exportArchives = progress.exportArchives ?? 0;
  return {
    categories: perCategory,
    exportArchives,
    total: perCategory.reduce((sum, entry) => sum + entry.count, 0) + exportArchives,
  };
}

async function eraseExports(pool: pg.Pool, userId: string, erasureId: string) {
  const at = await now();
  // A build that is still writing would leave an archive behind: wait for it (the job retries).
  const building = await prisma.exportJob.count({
    where: { userId, status: "RUNNING", startedAt: { gt: new Date(at.getTime() - 2 * 3_600_000) } },
  });
  if (building > 0) throw new AppError("INVALID_STATE", { reason: "EXPORT_RUNNING" });
  await prisma.exportJob.updateMany({
    where: { userId, status: "QUEUED" },
    data: { status: "FAILED", error: "Cancelled: the account is being deleted." },
  });
  const exports = await prisma.exportJob.findMany({ where: { userId }, select: { id: true, fileName: true } });
  for (const job of exports) await removeExportFiles(job.id);
  // Archives still listed as files: a restart after this step finds none and keeps the first count.
  const archives = exports.filter((job) => job.fileName).length;
  await pool.query(
    `UPDATE "Erasure" SET progress = progress || jsonb_build_object('exportArchives', greatest(coalesce((progress->>'exportArchives')::int, 0), $2::int)), step = 'exports', "heartbeatAt" = now() WHERE id = $1`,
    [erasureId, archives],
  );
  await prisma.exportJob.updateMany({ where: { userId, fileName: { not: null } }, data: { fileName: null } });
}

type BatchedRule = (typeof BATCHED_RULES)[number];

/**
 * Deletes the person's rows of one large table, a batch per statement, in windows of
 * time: each statement is a plain range DELETE on the table's (owner, time, id) index
 * (`time >= lo AND time < lo + width`), so each row is read once, as the baseline's
 * one DELETE reads it. The width adapts after every batch so that a batch deletes
 * about `batchSize` rows (other people's pages stay fast); the last window has no
 * upper bound. Selecting each batch's rows by key and deleting them by ctid read every
 * row twice and cost about twice the database time (bench/erasure.ts).
 */
async function deleteInBatches(pool: pg.Pool, rule: BatchedRule, userId: string, erasureId: string, options: Options) {
  const size = options.batchSize ?? DEFAULT_BATCH;
  const t = `"${rule.table}"`;
  const time = `"${rule.time}"`;
  const owner = `"${rule.owner}"`;
  // The person's time span (two probes of the index), as text of the column's own type and as epoch ms.
  const span = await pool.query<{ first: string | null; firstMs: number; lastMs: number; type: string }>(
    `SELECT min(${time})::text AS first, extract(epoch FROM min(${time})) * 1000 AS "firstMs",
            extract(epoch FROM max(${time})) * 1000 AS "lastMs", pg_typeof(min(${time}))::text AS type
       FROM ${t} WHERE ${owner} = $1`,
    [userId],
  );
  const { first, type } = span.rows[0];
  if (first === null) return;
  if (!/^timestamp(\(\d\))? with(out)? time zone$/.test(type)) throw new Error(`unexpected time type ${type}`);
  const lastMs = Number(span.rows[0].lastMs);
  let from = first;
  let fromMs = Number(span.rows[0].firstMs);
  let width = FIRST_WINDOW_MS;
  for (;;) {
    // An infinite timestamp has no window arithmetic: then one statement takes the rest.
    const isLast = !Number.isFinite(fromMs) || !Number.isFinite(lastMs) || fromMs + width > lastMs;
    const end = `$2::${type} + $3::float8 * interval '1 millisecond'`;
    // The running count is updated in the same statement, so a kill cannot lose a batch's count.
    const result: pg.QueryResult<{ n: string; next: string }> = await pool.query(
      `WITH deleted AS (
         DELETE FROM ${t} WHERE ${owner} = $1 AND ${time} >= $2::${type} ${isLast ? "" : `AND ${time} < ${end}`}
         RETURNING 1
       ), total AS (
         SELECT count(*) AS n FROM deleted
       ), counted AS (
         UPDATE "Erasure" SET progress = progress || jsonb_build_object($5::text, coalesce((progress->>$5::text)::bigint, 0) + (SELECT n FROM total)),
                "heartbeatAt" = now(), step = $6
          WHERE id = $4
       )
       SELECT total.n, (${end})::text AS next FROM total`,
      [userId, from, width, erasureId, rule.table, `batched:${rule.table}`],
    );
    const deleted = Number(result.rows[0].n);
    if (deleted > 0) await options.onBatch?.(rule.table, deleted);
    if (isLast) break;
    from = result.rows[0].next;
    fromMs += width;
    // Aim the next window at `size` rows, changing the width at most fourfold per batch.
    width = Math.max(1, Math.round(width * Math.min(4, Math.max(0.25, size / Math.max(deleted, 1)))));
  }
}

async function finalTransaction(erasureId: string, userId: string, counts: ErasureCounts) {
  const at = await now();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
  // Agents' permission files of the person's requests leave storage first (their rows go below).
  const uploads = await prisma.agentPermissionUpload.findMany({
    where: { request: { userId } },
    select: { storageKey: true },
  });
  for (const upload of uploads) await exportStorage().removePrefix(upload.storageKey);
  const closedRequestIds: string[] = [];
  await prisma.$transaction(
    async (tx) => {
      const erasure = await tx.erasure.findUniqueOrThrow({ where: { id: erasureId } });
      if (erasure.status !== "RUNNING") return; // already done by an earlier run
      if (user) {
        const email = user.email.toLowerCase();
        const pendingAddresses = (
          await tx.pendingEmailChange.findMany({ where: { userId }, select: { newEmail: true } })
        ).map((row) => row.newEmail);
        await tx.verificationToken.deleteMany({
          where: { identifier: { in: [email, user.email, ...pendingAddresses] } },
        });
        // Requests outlive the account for the metrics: their personal text goes. Open ones close
        // with a stated outcome (counted as withdrawn), except the deletion request that asked
        // for this erasure, which completes when it is done.
        const requestIds = (await tx.privacyRequest.findMany({ where: { userId }, select: { id: true } })).map(
          (row) => row.id,
        );
        const requesterId = erasure.requester === "PRIVACY_REQUEST" ? erasure.requesterRef : null;
        const stillOpen = await tx.privacyRequest.findMany({
          where: { userId, isOpen: true, ...(requesterId ? { id: { not: requesterId } } : {}) },
          select: { id: true },
        });
        await tx.privacyRequest.updateMany({
          where: { id: { in: stillOpen.map((row) => row.id) } },
          data: {
            status: "WITHDRAWN",
            isOpen: false,
            closedAt: at,
            awaitingSubjectSince: null,
            closedReason: ACCOUNT_ERASED,
          },
        });
        closedRequestIds.push(...stillOpen.map((row) => row.id));
        await tx.agentPermissionUpload.deleteMany({ where: { request: { userId } } });
        await tx.subjectVerificationToken.deleteMany({ where: { request: { userId } } });
        await tx.requestSubjectMatch.updateMany({ where: { userId }, data: { userId: null } });
        // Address-keyed rows (newsletter, events, contact messages) go with the account's address.
        for (const dataset of emailKeyedDatasets)
          await tx.$executeRawUnsafe(`DELETE FROM "${dataset.table}" t WHERE ${dataset.subjectEmail} = $1`, email);
        await tx.privacyRequest.updateMany({
          where: { userId },
          data: {
            details: "",
            subject: Prisma.DbNull,
            resolution: null,
            extensionReason: null,
            stlNotice: null,
            verificationMethod: null,
          },
        });
        await tx.privacyRequestEvent.updateMany({
          where: { OR: [{ requestId: { in: requestIds } }, { actorId: userId }] },
          data: { note: null, actorId: null },
        });
        // The requests filed by address keep their type and dates, not who they were about.
        await tx.privacyRequest.updateMany({
          where: { userId, ...(requesterId ? { id: { not: requesterId } } : {}) },
          data: { subjectEmail: null, subjectName: null, agentName: null, agentEmail: null, statusTokenSealed: null },
        });
        if (closedRequestIds.length > 0) {
          await tx.privacyRequest.updateMany({
            where: { id: { in: closedRequestIds } },
            data: { resolution: ACCOUNT_ERASED_TEXT },
          });
          await tx.privacyRequestEvent.createMany({
            data: closedRequestIds.map((requestId) => ({
              requestId,
              status: "WITHDRAWN" as const,
              note: ACCOUNT_ERASED_TEXT,
              byTeam: false,
              createdAt: at,
            })),
          });
        }
        await tx.$executeRaw`
          UPDATE "ParentRequest" SET "parentEmail" = '[erased]', "parentName" = '[erased]' WHERE lower("parentEmail") = ${email}`;
        await tx.$executeRaw`
          UPDATE "ParentRequest" SET "childIdentifiers" = regexp_replace("childIdentifiers", ${escapeRegex(email)}, '[erased]', 'gi')
           WHERE position(${email} in lower("childIdentifiers")) > 0`;
        await tx.$executeRaw`UPDATE "ParentRequest" SET "matchedUserIds" = array_remove("matchedUserIds", ${userId}) WHERE ${userId} = ANY("matchedUserIds")`;
        await tx.noticeCampaign.updateMany({ where: { createdById: userId }, data: { createdById: null } });
        await tx.breach.updateMany({ where: { createdById: userId }, data: { createdById: null } });
        await tx.legalRequest.updateMany({ where: { createdById: userId }, data: { createdById: null } });
        await tx.$executeRaw`UPDATE "Breach" SET "audienceEmails" = array_remove("audienceEmails", ${email}) WHERE ${email} = ANY("audienceEmails")`;
        await suppressEmail(tx, email, "erased");
        // The account row takes every other table's rows with it (ON DELETE CASCADE), including
        // anything a batch could have missed (nothing new is collected while restricted).
        await tx.user.delete({ where: { id: userId } });
        await tx.$executeRaw`SELECT pg_notify('telemetry_prefs', ${`user:${userId}`})`;
      }
      await tx.erasure.update({
        where: { id: erasureId },
        data: { status: "ERASED", userId: null, erasedAt: at, step: "erased", counts },
      });
      await recordAudit(
        {
          action: "erasure.completed",
          actorId: null,
          targetType: "Erasure",
          targetId: erasureId,
          metadata: {
            requester: erasure.requester,
            requesterRef: erasure.requesterRef,
            subject: erasure.subjectRef,
            counts,
          },
        },
        tx,
      );
    },
    { timeout: 60_000 },
  );
  for (const requestId of closedRequestIds)
    await enqueue(REQUEST_STATUS_CHANGED_JOB, { requestId }, { retryLimit: 3 }).catch((error) =>
      log.error("status-changed job not queued", { requestId, error }),
    );
  // The counter of sign-in links lives outside this transaction (rate-limiter-flexible's own queries).
  if (user)
    await forgetSignInAttempts(user.email).catch((error) =>
      log.warn("sign-in counter not cleared", { erasureId, error }),
    );
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
