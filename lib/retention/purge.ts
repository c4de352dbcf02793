// The retention purge: for every target, removes what is older than its rule's
// period, in batches, and records per target how many rows went, the oldest row
// kept and how long it took (RetentionRun / RetentionRunItem). A dry run counts
// and deletes nothing. One run at a time (an advisory lock).
//
// Large tables are deleted the way the erasure engine does it (lib/erasure/engine.ts):
// each batch is found through the table's time index and deleted by physical
// address (ctid = ANY(ARRAY(...)), a TID scan), walking the index forward from
// the last batch's time so that no batch re-reads what an earlier one removed.
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { getPool, prisma } from "../core/db";
import { removeExportFiles } from "../export/files";
import { log } from "../core/log";
import { getRetentionDays } from "./rules";
import { cutoffFor, RETENTION_TARGETS, type RetentionTarget } from "./targets";

export const RETENTION_JOB = "retention.purge";
const DEFAULT_BATCH = 5_000;
/** Rest between batches, so that other people's queries get the disk and CPU in between. */
const DEFAULT_PAUSE_MS = 10;

export type PurgeOptions = {
  pool?: pg.Pool;
  batchSize?: number;
  /** Milliseconds to rest between batches (default 10). */
  pauseMs?: number;
  /** Only these targets (tests, benchmarks). */
  targets?: string[];
  onBatch?: (target: string, deleted: number) => void | Promise<void>;
};

type TargetResult = { rows: number; files: number; oldestKept: Date | null };

/**
 * Deletes the rows of `table` whose `time` is before `cutoff`, a batch per statement.
 * Returns the number deleted. Exported for the benchmark.
 */
export async function purgeTableInBatches(
  pool: pg.Pool,
  table: { name: string; time: string },
  cutoff: Date,
  options: { batchSize?: number; pauseMs?: number; onBatch?: (deleted: number) => void | Promise<void> } = {},
) {
  const size = options.batchSize ?? DEFAULT_BATCH;
  const pauseMs = options.pauseMs ?? DEFAULT_PAUSE_MS;
  const t = `"${table.name}"`;
  const time = `"${table.time}"`;
  let after: Date | null = null;
  let total = 0;
  for (;;) {
    const params: unknown[] = [cutoff, size];
    if (after) params.push(after);
    const result: pg.QueryResult<{ n: string; last: Date | null }> = await pool.query(
      `WITH deleted AS (
         DELETE FROM ${t} WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM ${t} WHERE ${time} < $1 ${after ? `AND ${time} >= $3` : ""} ORDER BY ${time} LIMIT $2))
         RETURNING ${time} AS time
       )
       SELECT count(*) AS n, max(time) AS last FROM deleted`,
      params,
    );
    const deleted = Number(result.rows[0]?.n ?? 0);
    if (deleted === 0) break;
    total += deleted;
    after = result.rows[0].last;
    await options.onBatch?.(deleted);
    if (deleted < size) break;
    if (pauseMs > 0) await sleep(pauseMs);
  }
  return total;
}

async function oldestOf(pool: pg.Pool, table: { name: string; time: string }): Promise<Date | null> {
  const { rows } = await pool.query<{ oldest: Date | null }>(
    `SELECT min("${table.time}") AS oldest FROM "${table.name}"`,
  );
  return rows[0]?.oldest ?? null;
}

async function countBefore(pool: pg.Pool, table: { name: string; time: string }, cutoff: Date): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${table.name}" WHERE "${table.time}" < $1`,
    [cutoff],
  );
  return Number(rows[0].n);
}

const EXPORT_DONE = `status IN ('READY', 'EXPIRED', 'FAILED') AND coalesce("expiresAt", "completedAt", "createdAt") < $1`;

async function purgeExports(pool: pg.Pool, cutoff: Date, dryRun: boolean, batchSize: number): Promise<TargetResult> {
  let rows = 0;
  let files = 0;
  if (dryRun) {
    const { rows: counted } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "ExportJob" WHERE ${EXPORT_DONE}`,
      [cutoff],
    );
    rows = Number(counted[0].n);
  } else {
    for (;;) {
      const { rows: batch } = await pool.query<{ id: string }>(
        `SELECT id FROM "ExportJob" WHERE ${EXPORT_DONE} ORDER BY "createdAt" LIMIT $2`,
        [cutoff, batchSize],
      );
      if (batch.length === 0) break;
      // Files first (the existing helper removes the archive, a partial build and its spools), then the rows.
      for (const job of batch) files += await removeExportFiles(job.id);
      const deleted = await pool.query(
        `DELETE FROM "ExportJob" WHERE id = ANY($1::text[]) AND ${EXPORT_DONE.replace("$1", "$2")}`,
        [batch.map((job) => job.id), cutoff],
      );
      rows += deleted.rowCount ?? 0;
      if (batch.length < batchSize) break;
    }
  }
  // In a dry run nothing went: the oldest of the rows that would stay.
  const { rows: oldest } = await pool.query<{ oldest: Date | null }>(
    `SELECT min("createdAt") AS oldest FROM "ExportJob" WHERE NOT (${EXPORT_DONE})`,
    [cutoff],
  );
  return { rows, files, oldestKept: oldest[0]?.oldest ?? null };
}

/** Unconfirmed parents' requests older than the cutoff (also run by the parents' sweep every 10 minutes). */
export async function purgeUnconfirmedParentRequests(cutoff: Date, dryRun = false): Promise<number> {
  const where = { status: "AWAITING_EMAIL" as const, createdAt: { lt: cutoff } };
  if (dryRun) return prisma.parentRequest.count({ where });
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.parentRequest.deleteMany({ where });
    if (count > 0)
      await recordAudit(
        { action: "parent.request.purged_unconfirmed", targetType: "ParentRequest", metadata: { count } },
        tx,
      );
    return count;
  });
}

async function purgeSimple(pool: pg.Pool, target: string, cutoff: Date, dryRun: boolean): Promise<TargetResult> {
  const statements: Record<string, { table: string; where: string; oldest: string }[]> = {
    tokens: [
      { table: "VerificationToken", where: `expires < $1`, oldest: `expires` },
      { table: "PendingEmailChange", where: `"expiresAt" < $1`, oldest: `"createdAt"` },
    ],
    sessions: [{ table: "Session", where: `expires < $1`, oldest: `"createdAt"` }],
  };
  let rows = 0;
  let oldestKept: Date | null = null;
  for (const statement of statements[target]) {
    const sql = dryRun
      ? `SELECT count(*) AS n FROM "${statement.table}" WHERE ${statement.where}`
      : `WITH d AS (DELETE FROM "${statement.table}" WHERE ${statement.where} RETURNING 1) SELECT count(*) AS n FROM d`;
    const { rows: result } = await pool.query<{ n: string }>(sql, [cutoff]);
    rows += Number(result[0].n);
    const { rows: oldest } = await pool.query<{ oldest: Date | null }>(
      `SELECT min(${statement.oldest}) AS oldest FROM "${statement.table}" WHERE NOT (${statement.where})`,
      [cutoff],
    );
    const value = oldest[0]?.oldest ?? null;
    if (value && (!oldestKept || value < oldestKept)) oldestKept = value;
  }
  return { rows, files: 0, oldestKept };
}

async function purgeTarget(
  pool: pg.Pool,
  target: RetentionTarget,
  cutoff: Date,
  dryRun: boolean,
  options: PurgeOptions,
): Promise<TargetResult> {
  if (target.table) {
    const table = target.table;
    if (dryRun) {
      const rows = await countBefore(pool, table, cutoff);
      // What would be the oldest left: the first row at or after the cutoff.
      const { rows: next } = await pool.query<{ oldest: Date | null }>(
        `SELECT min("${table.time}") AS oldest FROM "${table.name}" WHERE "${table.time}" >= $1`,
        [cutoff],
      );
      return { rows, files: 0, oldestKept: next[0]?.oldest ?? null };
    }
    const rows = await purgeTableInBatches(pool, table, cutoff, {
      batchSize: options.batchSize,
      pauseMs: options.pauseMs,
      onBatch: (deleted) => options.onBatch?.(target.key, deleted),
    });
    return { rows, files: 0, oldestKept: await oldestOf(pool, table) };
  }
  if (target.key === "exports") return purgeExports(pool, cutoff, dryRun, options.batchSize ?? DEFAULT_BATCH);
  if (target.key === "parent-requests") {
    const rows = await purgeUnconfirmedParentRequests(cutoff, dryRun);
    const oldest = await prisma.parentRequest.findFirst({
      where: { status: "AWAITING_EMAIL", ...(dryRun ? { createdAt: { gte: cutoff } } : {}) },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    return { rows, files: 0, oldestKept: oldest?.createdAt ?? null };
  }
  return purgeSimple(pool, target.key, cutoff, dryRun);
}

/** Creates the run record (QUEUED) for a run an admin starts; the job picks it up. */
export async function createRetentionRun(input: { dryRun: boolean; trigger: "admin" | "schedule"; asOf?: Date }) {
  const asOf = input.asOf ?? (await now());
  return prisma.retentionRun.create({
    data: { dryRun: input.dryRun, trigger: input.trigger, status: "QUEUED", asOf },
    select: { id: true },
  });
}

/**
 * Runs one retention run to the end. Returns "busy" when another run holds the lock
 * (the run stays QUEUED and the job retries).
 */
export async function executeRetentionRun(
  runId: string,
  options: PurgeOptions & { actorId?: string | null } = {},
): Promise<"done" | "busy" | "skipped"> {
  const pool = options.pool ?? getPool();
  const lockClient = await pool.connect();
  try {
    const { rows } = await lockClient.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('retention-run')) AS locked`,
    );
    if (!rows[0].locked) return "busy";
    try {
      const run = await prisma.retentionRun.findUnique({ where: { id: runId } });
      if (!run || run.status === "COMPLETED") return "skipped";
      await prisma.retentionRun.update({ where: { id: runId }, data: { status: "RUNNING", error: null } });
      const totals: Record<string, number> = {};
      try {
        for (const target of RETENTION_TARGETS) {
          if (options.targets && !options.targets.includes(target.key)) continue;
          const done = await prisma.retentionRunItem.findUnique({
            where: { runId_target: { runId, target: target.key } },
          });
          if (done) continue; // a restarted run keeps what it already recorded
          const days = await getRetentionDays(target.key);
          const cutoff = cutoffFor(run.asOf, days);
          const started = performance.now();
          const result = await purgeTarget(pool, target, cutoff, run.dryRun, options);
          const durationMs = Math.round(performance.now() - started);
          await prisma.retentionRunItem.create({
            data: {
              runId,
              target: target.key,
              days,
              cutoff,
              rows: result.rows,
              files: result.files,
              oldestKept: result.oldestKept,
              durationMs,
            },
          });
          totals[target.key] = result.rows;
        }
        await prisma.$transaction(async (tx) => {
          await tx.retentionRun.update({
            where: { id: runId },
            data: { status: "COMPLETED", finishedAt: await now() },
          });
          await recordAudit(
            {
              action: run.dryRun ? "retention.dry_run" : "retention.run",
              actorId: options.actorId ?? null,
              targetType: "RetentionRun",
              targetId: runId,
              metadata: { trigger: run.trigger, rows: totals },
            },
            tx,
          );
        });
        log.info("retention run", {
          runId,
          dryRun: run.dryRun,
          rows: Object.values(totals).reduce((sum, n) => sum + n, 0),
        });
      } catch (error) {
        await prisma.retentionRun.update({
          where: { id: runId },
          data: { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : "failed" },
        });
        throw error;
      }
      return "done";
    } finally {
      await lockClient.query(`SELECT pg_advisory_unlock(hashtext('retention-run'))`);
    }
  } finally {
    lockClient.release();
  }
}
