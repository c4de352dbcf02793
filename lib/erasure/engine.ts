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
import { BATCHED_RULES, KEPT_FOR_PEOPLE } from "./plan";
import { ACCOUNT_ERASED, ACCOUNT_ERASED_TEXT, REQUEST_STATUS_CHANGED_JOB } from "./queue";
import { suppressionHash } from "./suppression";

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
    // The large tables are emptied side by side (a batch is small, and at 10^5 rows the round
    // trips, not the rows, were the cost), each batch on any connection of the pool.
    await Promise.all(
      BATCHED_RULES.map((rule) => step(rule.table, () => deleteInBatches(pool, rule, userId, erasureId, options))),
    );
    const counts = await step("count", () => countEverything(pool, userId, erasureId));
    await step("account", () => finalTransaction(erasureId, userId, counts));
  }

  let current = await prisma.erasure.findUniqueOrThrow({ where: { id: erasureId } });
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
    // With no job to tell, completing is the last step.
    current = await prisma.erasure.update({
      where: { id: erasureId },
      data: {
        status: "COMPLETED",
        receiptEmail: null,
        completedAt: await now(),
        step: current.onCompleteQueue ? "receipt-sent" : "done",
      },
    });
  }

  if (current.status === "COMPLETED" && current.step !== "done") {
    if (current.onCompleteQueue) {
      await enqueue(
        current.onCompleteQueue,
        { ...((current.onCompleteData as Record<string, string> | null) ?? {}), erasureId, counts: current.counts },
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
  // Queued builds are cancelled; a build that is still writing would leave an archive behind: wait
  // for it (the job retries). One round trip for both and the list of archives (it was three).
  const { rows } = await pool.query<{ building: number; ids: string[]; archives: number }>(
    `WITH cancelled AS (
       UPDATE "ExportJob" SET status = 'FAILED', error = 'Cancelled: the account is being deleted.'
        WHERE "userId" = $1 AND status = 'QUEUED' RETURNING 1
     )
     SELECT (SELECT count(*) FROM "ExportJob" WHERE "userId" = $1 AND status = 'RUNNING'
               AND "startedAt" > ($2::timestamptz AT TIME ZONE 'UTC') - interval '2 hours')::int AS building,
            ARRAY(SELECT id FROM "ExportJob" WHERE "userId" = $1) AS ids,
            (SELECT count(*) FROM "ExportJob" WHERE "userId" = $1 AND "fileName" IS NOT NULL)::int AS archives`,
    [userId, at.toISOString()],
  );
  const { building, ids, archives } = rows[0];
  if (building > 0) throw new AppError("INVALID_STATE", { reason: "EXPORT_RUNNING" });
  for (const id of ids) await removeExportFiles(id);
  // Archives still listed as files: a restart after this step finds none and keeps the first count.
  await pool.query(
    `WITH unlisted AS (UPDATE "ExportJob" SET "fileName" = NULL WHERE "userId" = $3 AND "fileName" IS NOT NULL RETURNING 1)
     UPDATE "Erasure" SET progress = progress || jsonb_build_object('exportArchives', greatest(coalesce((progress->>'exportArchives')::int, 0), $2::int)), step = 'exports', "heartbeatAt" = now() WHERE id = $1`,
    [erasureId, archives, userId],
  );
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
async function deleteInBatches(db: pg.Pool, rule: BatchedRule, userId: string, erasureId: string, options: Options) {
  const size = options.batchSize ?? DEFAULT_BATCH;
  const t = `"${rule.table}"`;
  const time = `"${rule.time}"`;
  const owner = `"${rule.owner}"`;
  // The person's time span (two probes of the index), as text of the column's own type and as epoch ms,
  // and the time of their (size + 1)th row: the first window then holds about `size` rows (it grew from
  // one minute, fourfold per batch, and took five statements to reach it at 10^5 rows).
  const span = await db.query<{
    first: string | null;
    firstMs: number;
    lastMs: number;
    probeMs: number | null;
    type: string;
  }>(
    `SELECT min(${time})::text AS first, extract(epoch FROM min(${time})) * 1000 AS "firstMs",
            extract(epoch FROM max(${time})) * 1000 AS "lastMs", pg_typeof(min(${time}))::text AS type,
            (SELECT extract(epoch FROM ${time}) * 1000 FROM ${t} WHERE ${owner} = $1
              ORDER BY ${time} OFFSET $2 LIMIT 1) AS "probeMs"
       FROM ${t} WHERE ${owner} = $1`,
    [userId, size],
  );
  const { first, type } = span.rows[0];
  if (first === null) return;
  if (!/^timestamp(\(\d\))? with(out)? time zone$/.test(type)) throw new Error(`unexpected time type ${type}`);
  const lastMs = Number(span.rows[0].lastMs);
  let from = first;
  let fromMs = Number(span.rows[0].firstMs);
  const probeMs = span.rows[0].probeMs === null ? null : Number(span.rows[0].probeMs);
  // Fewer than size + 1 rows: one statement takes them all.
  let width =
    probeMs === null ? Infinity : Number.isFinite(probeMs - fromMs) ? Math.max(1, probeMs - fromMs) : FIRST_WINDOW_MS;
  for (;;) {
    // An infinite timestamp has no window arithmetic: then one statement takes the rest.
    const isLast = !Number.isFinite(fromMs) || !Number.isFinite(lastMs) || fromMs + width > lastMs;
    const end = `$2::${type} + $3::float8 * interval '1 millisecond'`;
    // The running count is updated in the same statement, so a kill cannot lose a batch's count.
    // The batch commits without waiting for its WAL flush (synchronous_commit off for this
    // statement's own transaction only): a crash may undo the last few batches, each with its
    // count, and the resumed job deletes them again. The account transaction commits
    // synchronously, and WAL is flushed in order, so once the erasure reads ERASED every batch
    // before it is durable too.
    const result: pg.QueryResult<{ n: string; next: string }> = await db.query(
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
       SELECT total.n, (${end})::text AS next FROM total, (SELECT set_config('synchronous_commit', 'off', true)) AS async`,
      [userId, from, Number.isFinite(width) ? width : 0, erasureId, rule.table, `batched:${rule.table}`],
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

/**
 * Everything the account row does not take with it, in one statement (it ran as ~20 Prisma
 * round trips, the larger part of an erasure's fixed cost): sign-in links, the requests'
 * personal text (open ones close, except the deletion request that asked for this erasure),
 * their permission files' rows and verification tokens, address-keyed rows, parents'
 * requests, who created campaigns, breaches and legal requests, and the suppression entry.
 * Each table is written by one part only (two parts of one statement must not change the
 * same row), and every part sees the rows as they were before the statement.
 * $1 user id, $2 the address lower-cased, $3 the address as stored, $4 now (ISO),
 * $5 the request that asked for this erasure (or null), $6 the address as a regex,
 * $7 the suppression hash, $8 and $9 a closed request's resolution and reason. Returns the ids of
 * the requests it closed.
 */
function scrubStatement(): string {
  const at = `($4::timestamptz AT TIME ZONE 'UTC')`;
  const closing = `("isOpen" AND id IS DISTINCT FROM $5::text)`;
  const keepSubject = `(id IS NOT DISTINCT FROM $5::text)`;
  const emailDeletes = emailKeyedDatasets.map(
    (dataset, index) =>
      `by_email_${index} AS (DELETE FROM "${dataset.table}" t WHERE ${dataset.subjectEmail} = $2::text RETURNING 1)`,
  );
  return `
    WITH tokens AS (
      DELETE FROM "VerificationToken"
       WHERE identifier = ANY (ARRAY[$2::text, $3::text])
          OR identifier IN (SELECT "newEmail" FROM "PendingEmailChange" WHERE "userId" = $1::text)
      RETURNING 1
    ), mine AS (
      SELECT id, ${closing} AS closing FROM "PrivacyRequest" WHERE "userId" = $1::text
    ), requests AS (
      UPDATE "PrivacyRequest" SET
        details = '', subject = NULL, "extensionReason" = NULL, "stlNotice" = NULL, "verificationMethod" = NULL,
        resolution = CASE WHEN ${closing} THEN $8::text ELSE NULL END,
        status = CASE WHEN ${closing} THEN 'WITHDRAWN' ELSE status END,
        "closedAt" = CASE WHEN ${closing} THEN ${at} ELSE "closedAt" END,
        "awaitingSubjectSince" = CASE WHEN ${closing} THEN NULL ELSE "awaitingSubjectSince" END,
        "closedReason" = CASE WHEN ${closing} THEN $9::text ELSE "closedReason" END,
        "isOpen" = CASE WHEN ${closing} THEN false ELSE "isOpen" END,
        "subjectEmail" = CASE WHEN ${keepSubject} THEN "subjectEmail" END,
        "subjectName" = CASE WHEN ${keepSubject} THEN "subjectName" END,
        "agentName" = CASE WHEN ${keepSubject} THEN "agentName" END,
        "agentEmail" = CASE WHEN ${keepSubject} THEN "agentEmail" END,
        "statusTokenSealed" = CASE WHEN ${keepSubject} THEN "statusTokenSealed" END,
        "updatedAt" = ${at}
       WHERE "userId" = $1::text
      RETURNING 1
    ), events AS (
      UPDATE "PrivacyRequestEvent" SET note = NULL, "actorId" = NULL
       WHERE "requestId" IN (SELECT id FROM mine) OR "actorId" = $1::text
      RETURNING 1
    ), uploads AS (
      DELETE FROM "AgentPermissionUpload" WHERE "requestId" IN (SELECT id FROM mine) RETURNING 1
    ), subject_tokens AS (
      DELETE FROM "SubjectVerificationToken" WHERE "requestId" IN (SELECT id FROM mine) RETURNING 1
    ), matches AS (
      UPDATE "RequestSubjectMatch" SET "userId" = NULL WHERE "userId" = $1::text RETURNING 1
    ), ${emailDeletes.join(", ")}${emailDeletes.length ? ", " : ""}parents AS (
      UPDATE "ParentRequest" SET
        "parentEmail" = CASE WHEN lower("parentEmail") = $2::text THEN '[erased]' ELSE "parentEmail" END,
        "parentName" = CASE WHEN lower("parentEmail") = $2::text THEN '[erased]' ELSE "parentName" END,
        "childIdentifiers" = CASE WHEN position($2::text in lower("childIdentifiers")) > 0
                                  THEN regexp_replace("childIdentifiers", $6::text, '[erased]', 'gi')
                                  ELSE "childIdentifiers" END,
        "matchedUserIds" = array_remove("matchedUserIds", $1::text)
       WHERE lower("parentEmail") = $2::text OR position($2::text in lower("childIdentifiers")) > 0
          OR $1::text = ANY ("matchedUserIds")
      RETURNING 1
    ), campaigns AS (
      UPDATE "NoticeCampaign" SET "createdById" = NULL, "updatedAt" = ${at} WHERE "createdById" = $1::text RETURNING 1
    ), breaches AS (
      UPDATE "Breach" SET
        "createdById" = CASE WHEN "createdById" = $1::text THEN NULL ELSE "createdById" END,
        "updatedAt" = CASE WHEN "createdById" = $1::text THEN ${at} ELSE "updatedAt" END,
        "audienceEmails" = array_remove("audienceEmails", $2::text)
       WHERE "createdById" = $1::text OR $2::text = ANY ("audienceEmails")
      RETURNING 1
    ), legal AS (
      UPDATE "LegalRequest" SET "createdById" = NULL, "updatedAt" = ${at} WHERE "createdById" = $1::text RETURNING 1
    ), suppressed AS (
      INSERT INTO "EmailSuppression" (hash, reason) VALUES ($7::text, 'erased') ON CONFLICT (hash) DO NOTHING RETURNING 1
    )
    SELECT id FROM mine WHERE closing`;
}

async function finalTransaction(erasureId: string, userId: string, counts: ErasureCounts) {
  const at = await now();
  // The address and the agents' permission files of the person's requests, in one round trip.
  const { rows } = await getPool().query<{ email: string; uploads: string[] }>(
    `SELECT u.email, ARRAY(SELECT a."storageKey" FROM "AgentPermissionUpload" a JOIN "PrivacyRequest" r ON r.id = a."requestId"
                           WHERE r."userId" = u.id) AS uploads
       FROM "User" u WHERE u.id = $1`,
    [userId],
  );
  const user = rows[0] ?? null;
  // Agents' permission files leave storage first (their rows go below).
  for (const storageKey of user?.uploads ?? []) await exportStorage().removePrefix(storageKey);
  const suppression = user ? await suppressionHash(user.email) : null;
  const closedRequestIds: string[] = [];
  await prisma.$transaction(
    async (tx) => {
      const erasure = await tx.erasure.findUniqueOrThrow({ where: { id: erasureId } });
      if (erasure.status !== "RUNNING") return; // already done by an earlier run
      if (user) {
        const email = user.email.toLowerCase();
        const requesterId = erasure.requester === "PRIVACY_REQUEST" ? erasure.requesterRef : null;
        const closed = await tx.$queryRawUnsafe<{ id: string }[]>(
          scrubStatement(),
          userId,
          email,
          user.email,
          at.toISOString(),
          requesterId,
          escapeRegex(email),
          suppression,
          ACCOUNT_ERASED_TEXT,
          ACCOUNT_ERASED,
        );
        closedRequestIds.push(...closed.map((row) => row.id));
        if (closedRequestIds.length > 0) {
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
        // The account row takes every other table's rows with it (ON DELETE CASCADE), including
        // anything a batch could have missed (nothing new is collected while restricted).
        await tx.$executeRaw`
          WITH gone AS (DELETE FROM "User" WHERE id = ${userId} RETURNING id)
          SELECT pg_notify('telemetry_prefs', 'user:' || id) FROM gone`;
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
