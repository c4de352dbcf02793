// Owner-scoped SQL over the registry: exact counts, keyset pages, single rows,
// and the ordered full scan the export streams. Every statement binds the
// owner's id as $1; a missing owner throws instead of matching everything.
import "server-only";
import type pg from "pg";
import { AppError } from "../core/errors";
import { parseDay } from "../core/form";
import type { Month } from "./months";
import { datasets, isoSql, type Column, type Dataset, type FilterKey } from "./registry";

export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export function assertOwner(userId: unknown): asserts userId is string {
  if (typeof userId !== "string" || userId.length === 0) throw new AppError("UNAUTHENTICATED", { reason: "NO_OWNER" });
}

/**
 * Whom an export or a count is about: an account (its rows by owner), a verified address (the
 * rows of datasets keyed by address), or both. Requests without an account use the address alone.
 */
export type Subject = { userId: string | null; email: string | null };

/** The WHERE condition selecting a subject's rows of one dataset; `bind` turns a value into SQL. */
export function subjectCondition(dataset: Dataset, subject: Subject, bind: (value: string) => string): string {
  const parts: string[] = [];
  if (subject.userId) parts.push(`${dataset.owner} = ${bind(subject.userId)}`);
  if (subject.email && dataset.subjectEmail) parts.push(`${dataset.subjectEmail} = ${bind(subject.email)}`);
  return parts.length > 0 ? `(${parts.join(" OR ")})` : "false";
}

function assertSubject(subject: Subject) {
  if (!subject.userId && !subject.email) throw new AppError("UNAUTHENTICATED", { reason: "NO_OWNER" });
  if (subject.userId !== null) assertOwner(subject.userId);
}

/** Name of the dataset's time column, used as the key of the timestamp in output rows. */
export function timeKey(dataset: Dataset): string {
  return /"(\w+)"$/.exec(dataset.time)?.[1] ?? "time";
}

/** Every column a dataset exports, in order: id, time, the dataset's columns, policy. */
export function outputColumns(dataset: Dataset): Column[] {
  const columns: Column[] = [];
  const idIsOwner = dataset.id.endsWith('"userId"') || dataset.id === dataset.owner;
  if (!idIsOwner && !dataset.columns.some((column) => column.key === "id")) {
    columns.push({ key: "id", label: "Id", sql: `${dataset.id}::text`, kind: "text", trusted: true });
  }
  columns.push({
    key: timeKey(dataset),
    label: dataset.timeLabel,
    sql: isoSql(dataset.time),
    raw: dataset.time,
    kind: "date",
  });
  columns.push(...dataset.columns);
  if (dataset.policy)
    columns.push({
      key: "policyVersion",
      label: "Policy in force",
      sql: dataset.policy,
      kind: "text",
      hideInTable: true,
      trusted: true,
    });
  return columns;
}

/** The column as text (dates are already ISO text; booleans, numbers and JSON are cast). */
export function textSql(column: Column): string {
  return column.kind === "date" ? column.sql : `(${column.sql})::text`;
}

/**
 * Exact counts per dataset (and per policy version in force at collection), with the newest
 * record's time; `only` limits which datasets are counted.
 */
export async function countDatasets(
  db: Queryable,
  owner: string | Subject,
  only: (dataset: Dataset) => boolean = () => true,
) {
  const subject: Subject = typeof owner === "string" ? { userId: owner, email: null } : owner;
  if (typeof owner === "string") assertOwner(owner);
  else assertSubject(subject);
  const values = [subject.userId, subject.email].filter((value): value is string => value !== null);
  const bind = (value: string) => `$${values.indexOf(value) + 1}::text`;
  const parts = datasets.flatMap((dataset, index) =>
    only(dataset)
      ? [
          `SELECT ${index} AS d, ${dataset.policy ?? "NULL::text"} AS p, count(*)::bigint AS n, ${isoSql(`max(${dataset.time})`)} AS l FROM ${dataset.from} WHERE ${subjectCondition(dataset, subject, bind)} GROUP BY 2`,
        ]
      : [],
  );
  const { rows } = await db.query<{ d: number; p: string | null; n: string; l: string | null }>(
    parts.join("\nUNION ALL\n"),
    values,
  );
  // `latest`: the newest record's time (ISO, UTC), when the dataset has any.
  const result = new Map<string, { total: number; byPolicy: Map<string | null, number>; latest: string | null }>();
  for (const dataset of datasets) result.set(dataset.key, { total: 0, byPolicy: new Map(), latest: null });
  for (const row of rows) {
    const entry = result.get(datasets[row.d].key)!;
    const count = Number(row.n);
    entry.total += count;
    if (row.l && (!entry.latest || row.l > entry.latest)) entry.latest = row.l;
    entry.byPolicy.set(row.p, (entry.byPolicy.get(row.p) ?? 0) + count);
  }
  return result;
}

export type DatasetCounts = Awaited<ReturnType<typeof countDatasets>>;
export type DatasetSummary = {
  /** As countDatasets answers for the owner. */
  counts: DatasetCounts;
  /** The months asked for, oldest first. */
  months: Month[];
  /** Rows per dataset key and month key ("YYYY-MM"), within those months only. */
  byMonth: Map<string, Map<string, number>>;
};

/**
 * countDatasets for one owner and, in the same scan, each dataset's rows per calendar month
 * (UTC) over `months` (consecutive, oldest first): what "Your data" shows, in one statement.
 */
export async function countDatasetsWithMonths(db: Queryable, userId: string, months: Month[]): Promise<DatasetSummary> {
  assertOwner(userId);
  const parts = datasets.map(
    (dataset, index) =>
      `SELECT ${index} AS d, ${dataset.policy ?? "NULL::text"} AS p,
              CASE WHEN ${dataset.time} >= $2::timestamp AND ${dataset.time} < $3::timestamp
                   THEN to_char(date_trunc('month', ${dataset.time}), 'YYYY-MM') END AS m,
              count(*)::bigint AS n, ${isoSql(`max(${dataset.time})`)} AS l
         FROM ${dataset.from} WHERE ${dataset.owner} = $1::text GROUP BY 2, 3`,
  );
  const { rows } = await db.query<{ d: number; p: string | null; m: string | null; n: string; l: string | null }>(
    parts.join("\nUNION ALL\n"),
    [userId, months[0].start.toISOString(), months.at(-1)!.end.toISOString()],
  );
  const counts: DatasetCounts = new Map();
  const byMonth = new Map<string, Map<string, number>>();
  for (const dataset of datasets) {
    counts.set(dataset.key, { total: 0, byPolicy: new Map(), latest: null });
    byMonth.set(dataset.key, new Map());
  }
  for (const row of rows) {
    const key = datasets[row.d].key;
    const entry = counts.get(key)!;
    const count = Number(row.n);
    entry.total += count;
    if (row.l && (!entry.latest || row.l > entry.latest)) entry.latest = row.l;
    entry.byPolicy.set(row.p, (entry.byPolicy.get(row.p) ?? 0) + count);
    if (row.m) byMonth.get(key)!.set(row.m, (byMonth.get(key)!.get(row.m) ?? 0) + count);
  }
  return { counts, months, byMonth };
}

export type PageFilters = { from?: string; to?: string } & Partial<Record<FilterKey, string>>;
export type PageDirection = "first" | "next" | "prev" | "last";
export type PageRequest = { direction: PageDirection; cursor?: string; filters?: PageFilters; limit?: number };
export type PageRow = { key: string; cursor: string; values: Record<string, string | null> };
export type Page = {
  rows: PageRow[];
  hasNewer: boolean;
  hasOlder: boolean;
  newestCursor?: string;
  oldestCursor?: string;
};

/** A keyset cursor's time, as `timestamp(3)::text` writes it. */
const CURSOR_TIME = /^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;
const isDay = (value: string) => parseDay(value) !== null;

export function encodeCursor(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      const time = CURSOR_TIME.exec(value[0]);
      if (time && isDay(time[1]) && value[1].length > 0 && value[1].length <= 200 && !CONTROL_CHARACTERS.test(value[1]))
        return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new AppError("INVALID_STATE", { reason: "BAD_CURSOR" });
}

/** A bigint id PostgreSQL can compare (at most 2^63 - 1). */
function isBigintId(id: string): boolean {
  return /^\d{1,19}$/.test(id) && BigInt(id) <= 9_223_372_036_854_775_807n;
}

function buildWhere(dataset: Dataset, userId: string, filters: PageFilters = {}) {
  const values: unknown[] = [userId];
  const clauses = [`${dataset.owner} = $1`];
  if (filters.from) {
    if (!isDay(filters.from)) throw new AppError("VALIDATION", { reason: "BAD_FILTER" });
    values.push(filters.from);
    clauses.push(`${dataset.time} >= $${values.length}::date`);
  }
  if (filters.to) {
    if (!isDay(filters.to)) throw new AppError("VALIDATION", { reason: "BAD_FILTER" });
    values.push(filters.to);
    clauses.push(`${dataset.time} < ($${values.length}::date + 1)`);
  }
  for (const [key, expr] of Object.entries(dataset.filters ?? {}) as [FilterKey, string][]) {
    const value = filters[key]?.trim();
    if (!value) continue;
    if (value.length > 500 || CONTROL_CHARACTERS.test(value))
      throw new AppError("VALIDATION", { reason: "BAD_FILTER" });
    values.push(value);
    clauses.push(`${expr} = $${values.length}`);
  }
  return { clauses, values };
}

/**
 * One page of a dataset, newest first, by keyset (time, id): the first, the
 * last, and any page next to a cursor each cost one index range scan, never an
 * OFFSET over the rows before it.
 */
export async function listPage(db: Queryable, userId: string, dataset: Dataset, request: PageRequest): Promise<Page> {
  assertOwner(userId);
  const limit = Math.min(Math.max(request.limit ?? 50, 1), 200);
  const { clauses, values } = buildWhere(dataset, userId, request.filters);
  const direction = request.direction;
  if (direction === "next" || direction === "prev") {
    if (!request.cursor) throw new AppError("INVALID_STATE", { reason: "BAD_CURSOR" });
    const [time, id] = decodeCursor(request.cursor);
    if (dataset.idType === "bigint" && !isBigintId(id)) throw new AppError("INVALID_STATE", { reason: "BAD_CURSOR" });
    values.push(time, id);
    const op = direction === "next" ? "<" : ">";
    clauses.push(
      `(${dataset.time}, ${dataset.id}) ${op} ($${values.length - 1}::timestamp, $${values.length}::${dataset.idType})`,
    );
  }
  const ascending = direction === "prev" || direction === "last";
  const order = ascending ? "ASC" : "DESC";
  const columns = outputColumns(dataset);
  const sql = `SELECT ${dataset.time}::text AS "__t", ${dataset.id}::text AS "__id", ${columns.map((column, index) => `${textSql(column)} AS c${index}`).join(", ")}
    FROM ${dataset.from} WHERE ${clauses.join(" AND ")}
    ORDER BY ${dataset.time} ${order}, ${dataset.id} ${order} LIMIT ${limit + 1}`;
  const { rows } = await db.query<Record<string, string | null>>(sql, values);
  const hasMore = rows.length > limit;
  const slice = rows.slice(0, limit);
  if (ascending) slice.reverse();
  const pageRows = slice.map((row) => {
    const rowValues: Record<string, string | null> = {};
    columns.forEach((column, index) => {
      rowValues[column.key] = row[`c${index}`];
    });
    return { key: row.__id as string, cursor: encodeCursor(row.__t as string, row.__id as string), values: rowValues };
  });
  return {
    rows: pageRows,
    hasNewer: direction === "first" ? false : direction === "next" ? true : hasMore,
    hasOlder: direction === "last" ? false : direction === "prev" ? true : hasMore,
    newestCursor: pageRows[0]?.cursor,
    oldestCursor: pageRows.at(-1)?.cursor,
  };
}

/** One row of the owner's dataset by its id, or null (also for other people's ids). */
export async function findRow(db: Queryable, userId: string, dataset: Dataset, id: string) {
  assertOwner(userId);
  if (dataset.idType === "bigint" ? !isBigintId(id) : id.length > 200 || CONTROL_CHARACTERS.test(id)) return null;
  const columns = outputColumns(dataset);
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT ${columns.map((column, index) => `${textSql(column)} AS c${index}`).join(", ")} FROM ${dataset.from} WHERE ${dataset.owner} = $1 AND ${dataset.id} = $2::${dataset.idType} LIMIT 1`,
    [userId, id],
  );
  if (!rows[0]) return null;
  const values: Record<string, string | null> = {};
  columns.forEach((column, index) => {
    values[column.key] = rows[0][`c${index}`];
  });
  return values;
}

/** Exact count of one dataset with filters (for category pages). */
export async function countRows(db: Queryable, userId: string, dataset: Dataset, filters?: PageFilters) {
  assertOwner(userId);
  const { clauses, values } = buildWhere(dataset, userId, filters);
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*)::bigint AS n FROM ${dataset.from} WHERE ${clauses.join(" AND ")}`,
    values,
  );
  return Number(rows[0].n);
}
