// Builds one person's export archive, streamed end to end:
//   PostgreSQL COPY (each row once, as column text in COPY's binary framing) →
//   rows.ts (the JSON and the CSV line of each row) → SHA-256 + byte counter →
//   archiver (zip, deflate) → SHA-256 of the zip → file. The CSV is spooled to
//   a file while the JSON streams into the zip, then appended.
// Rows are never parsed into JavaScript objects, and memory stays flat
// whatever the row count. All reads happen in one REPEATABLE READ snapshot, so
// the counts taken first equal the rows written (checked against COPY's own
// row count), and both equal what the database holds.
import "server-only";
import fs from "node:fs";
import { once } from "node:events";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZipArchive } from "archiver";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { categories, isSharedIn, type Dataset } from "../data/registry";
import { countDatasets, outputColumns, type Subject } from "../data/queries";
import { HashingStream } from "./hashing";
import { buildManifest, type Manifest, type ManifestFile } from "./manifest";
import { RowRenderer, jsonTypeOf, renderColumn, type RenderColumn } from "./rows";
import { csvCopySql, jsonCopySql, rowsCopySql } from "./sql";
import { renderSummaryHtml, type SummaryCategory } from "./summary";

export type ExportProgress = { doneRows: number; totalRows: number; currentCategory: string | null };

export type BuildExportOptions = {
  pool: pg.Pool;
  exportId: string;
  /** The account exported; null for a request without an account (address-keyed rows only). */
  userId: string | null;
  /** The account's address, or the verified address of a request without an account. */
  email: string;
  /** Whether the address-keyed datasets match by `email` too (requests filed by address). */
  matchEmail?: boolean;
  outputPath: string;
  companyName: string;
  appUrl: string;
  /** Deflate level for entries (1 = fastest). */
  compressionLevel?: number;
  onProgress?: (progress: ExportProgress) => void;
  now?: () => Date;
};

export type BuildExportResult = { bytes: number; sha256: string; manifest: Manifest };

const NEWLINE = 10;

/**
 * Wraps COPY's lines into the export's JSON document,
 * `{"columns":[...],"rows":[\n[...]\n,[...]\n]}`: one array of values per
 * record, in the order of "columns" (a third smaller and faster to render
 * than one object per record; readExportJson() turns it back into objects).
 * PostgreSQL prefixes every row with a comma (jsonCopySql), so only the very
 * first byte is dropped and the rest passes through untouched. Counts rows.
 */
export class JsonLinesToArray extends Transform {
  rows = 0;
  private opened = false;
  private readonly head: string;

  constructor(
    columns: string[],
    private readonly onRows?: (rows: number) => void,
  ) {
    super();
    this.head = `{"columns":${JSON.stringify(columns)},"rows":[`;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    if (chunk.length === 0) return callback();
    let index = chunk.indexOf(NEWLINE);
    while (index !== -1) {
      this.rows++;
      index = chunk.indexOf(NEWLINE, index + 1);
    }
    this.onRows?.(this.rows);
    if (!this.opened) {
      this.opened = true;
      this.push(`${this.head}\n`);
      // Drop the first row's leading comma.
      return callback(null, chunk.subarray(1));
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    callback(null, this.opened ? "]}\n" : `${this.head}]}\n`);
  }
}

/**
 * Joins COPY's small chunks (one per socket read, often 8-64 KB) into ~512 KB
 * ones: every stage after it (row counting, SHA-256, CRC-32, deflate, the file
 * write) pays a fixed cost per chunk, which was a large share of the export's
 * own CPU time (profiled at 10^6 rows).
 */
export class Coalescer extends Transform {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly target = 512 * 1024) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size < this.target) return callback();
    const joined = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    callback(null, joined);
  }

  override _flush(callback: TransformCallback) {
    if (this.size === 0) return callback();
    callback(null, this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size));
  }
}

/** Appends one entry and waits until archiver has consumed it (entries are written one at a time). */
async function appendEntry(
  archive: ZipArchive,
  name: string,
  date: Date,
  hasher: HashingStream,
  source: Promise<void> | Buffer,
) {
  const entryDone = once(archive, "entry");
  if (Buffer.isBuffer(source)) hasher.end(source);
  archive.append(hasher, { name, date });
  await Promise.all([entryDone, Buffer.isBuffer(source) ? undefined : source]);
}

type RenderPlan = { copy: string; columns: RenderColumn[] } | null;

/**
 * How each dataset is rendered: its one-pass COPY and column renderers, or null when a
 * column's type is one rows.ts does not render (that dataset is then rendered in SQL).
 */
export async function planRendering(
  client: pg.PoolClient,
  datasets: Dataset[],
  subject: Subject,
  policyLabels: Map<string, string>,
): Promise<RenderPlan[]> {
  // Every dataset's probe in one round trip (a multi-statement query answers with one result each).
  const sqls = datasets.map((dataset) => rowsCopySql(dataset, subject));
  const answer = (await client.query(sqls.map((sql) => sql.probe).join(";\n"))) as unknown as
    pg.QueryResult | pg.QueryResult[];
  const results = Array.isArray(answer) ? answer : [answer];
  const probes = datasets.map((dataset, index) => ({
    dataset,
    sql: sqls[index],
    oids: results[index].fields.map((field) => field.dataTypeID),
  }));
  const unknown = [...new Set(probes.flatMap((probe) => probe.oids))].filter((oid) => !jsonTypeOf(oid, false));
  const enums = new Set(
    unknown.length === 0
      ? []
      : (
          await client.query<{ oid: number }>(
            `SELECT oid::int AS oid FROM pg_type WHERE oid = ANY($1) AND typtype = 'e'`,
            [unknown],
          )
        ).rows.map((row) => row.oid),
  );
  return probes.map(({ dataset, sql, oids }) => {
    const columns = outputColumns(dataset);
    const types = oids.map((oid) => jsonTypeOf(oid, enums.has(oid)));
    // A JSON column is neutralised by its jsonb type (sql.ts), so rows.ts takes jsonb only.
    if (types.some((type, index) => type === null || (columns[index].kind === "json" && type !== "jsonb"))) return null;
    return {
      copy: sql.copy,
      columns: columns.map((column, index) => renderColumn(column, types[index]!, policyLabels)),
    };
  });
}

export async function buildExportArchive(options: BuildExportOptions): Promise<BuildExportResult> {
  const now = options.now ?? (() => new Date());
  // Every file in the archive carries the time the export was made.
  const entryDate = now();
  const client = await options.pool.connect();
  let transactionOpen = false;
  let archive: ZipArchive | null = null;
  let output: fs.WriteStream | null = null;
  const spoolFiles: string[] = [];
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    transactionOpen = true;
    // rows.ts turns ISO text into JSON's dates, so the text is ISO whatever the server's default.
    await client.query("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, MDY'");
    const subject: Subject = { userId: options.userId, email: options.matchEmail ? options.email : null };
    const counts = await countDatasets(client, subject);
    const totalRows = [...counts.values()].reduce((sum, entry) => sum + entry.total, 0);
    const policies = await client.query<{
      id: string;
      slug: string;
      title: string;
      version: number;
      effective: string | null;
    }>(
      `SELECT v.id, d.slug, d.title, v.version, to_char(v."effectiveAt", 'YYYY-MM-DD') AS effective FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId"`,
    );
    const policyLabels = new Map(policies.rows.map((row) => [row.id, `${row.title} v${row.version}`]));
    const sharing = await client.query<{ name: string; kind: string; purpose: string; categories: string[] }>(
      `SELECT name, kind::text, purpose, "dataCategories" AS categories FROM "SharingRegisterEntry" WHERE "endsOn" IS NULL OR "endsOn" > now() ORDER BY name`,
    );
    const work = categories.flatMap((category) => category.datasets.map((dataset) => ({ category, dataset })));
    const renderPlans = await planRendering(
      client,
      work.map((item) => item.dataset),
      subject,
      policyLabels,
    );
    archive = new ZipArchive({ zlib: { level: options.compressionLevel ?? 1 } });
    const zipHash = new HashingStream();
    output = fs.createWriteStream(options.outputPath, { mode: 0o600 });
    const written = pipeline(archive, zipHash, output);
    written.catch(() => {});

    const files: ManifestFile[] = [];
    let completedRows = 0;
    const report = (category: string | null, currentRows: number) =>
      options.onProgress?.({ doneRows: completedRows + currentRows, totalRows, currentCategory: category });

    // One dataset at a time: its JSON streams into the zip while its CSV is spooled
    // to a file, then the CSV file is appended (zip entries are written one at a time).
    for (let index = 0; index < work.length; index++) {
      const { category, dataset } = work[index];
      const expected = counts.get(dataset.key)?.total ?? 0;
      const jsonPath = `${dataset.key}.json`;
      const csvPath = `${dataset.key}.csv`;
      const spoolPath = `${options.outputPath}.${dataset.key}.csv`;
      spoolFiles.push(spoolPath);
      const onRows = (rows: number) => report(category.title, Math.min(rows, expected));
      const jsonHasher = new HashingStream();
      const csvHasher = new HashingStream();
      const spooled = pipeline(csvHasher, fs.createWriteStream(spoolPath, { mode: 0o600 }));
      spooled.catch(() => {}); // awaited below; this only avoids an unhandled rejection meanwhile
      const plan = renderPlans[index];
      let rowCounts: number[];
      if (plan) {
        // One pass: PostgreSQL sends each row once; rows.ts writes the JSON and the CSV line.
        const copy = client.query(copyTo(plan.copy));
        const renderer = new RowRenderer(plan.columns, csvHasher, onRows);
        await appendEntry(
          archive,
          jsonPath,
          entryDate,
          jsonHasher,
          pipeline(copy, new Coalescer(), renderer, jsonHasher),
        );
        csvHasher.end();
        await spooled;
        rowCounts = [copy.rowCount, renderer.rows];
      } else {
        // A column type rows.ts does not render: PostgreSQL renders the JSON and the CSV (two passes).
        const jsonCopy = client.query(copyTo(jsonCopySql(dataset, subject, policyLabels)));
        const shaper = new JsonLinesToArray(
          outputColumns(dataset).map((column) => column.key),
          onRows,
        );
        await appendEntry(
          archive,
          jsonPath,
          entryDate,
          jsonHasher,
          pipeline(jsonCopy, new Coalescer(), shaper, jsonHasher),
        );
        const csvCopy = client.query(copyTo(csvCopySql(dataset, subject, policyLabels)));
        await pipeline(csvCopy, new Coalescer(), csvHasher);
        await spooled;
        rowCounts = [jsonCopy.rowCount, shaper.rows, csvCopy.rowCount];
      }
      if (rowCounts.some((rows) => rows !== expected)) {
        throw new Error(`row count mismatch for ${dataset.key}: ${rowCounts.join("/")}, expected ${expected}`);
      }
      const csvEntry = once(archive, "entry");
      archive.append(fs.createReadStream(spoolPath, { highWaterMark: 1024 * 1024 }), {
        name: csvPath,
        date: entryDate,
      });
      await csvEntry;
      await fs.promises.rm(spoolPath, { force: true });
      completedRows += expected;
      report(category.title, 0);
      files.push({
        path: jsonPath,
        category: category.slug,
        dataset: dataset.key,
        format: "json",
        rows: expected,
        bytes: jsonHasher.bytes,
        sha256: jsonHasher.digest!,
      });
      files.push({
        path: csvPath,
        category: category.slug,
        dataset: dataset.key,
        format: "csv",
        rows: expected,
        bytes: csvHasher.bytes,
        sha256: csvHasher.digest!,
      });
    }

    const summaryCategories: SummaryCategory[] = categories.map((category) => ({
      category,
      datasets: category.datasets.map((dataset: Dataset) => ({
        key: dataset.key,
        title: dataset.title,
        rows: counts.get(dataset.key)?.total ?? 0,
      })),
      sharedWith: sharing.rows
        .filter((entry) => isSharedIn(category, entry.categories))
        .map((entry) => ({ name: entry.name, purpose: entry.purpose })),
      policies: [
        ...new Set(category.datasets.flatMap((dataset) => [...(counts.get(dataset.key)?.byPolicy.keys() ?? [])])),
      ]
        .filter((id): id is string => Boolean(id))
        .map((id) => policies.rows.find((row) => row.id === id))
        .filter((row) => row !== undefined)
        .map((row) => ({
          label: `${row.title}, version ${row.version}`,
          url: `${options.appUrl}/policies/${row.slug}/v/${row.version}`,
          effective: row.effective,
        })),
    }));
    const generatedAt = now();
    const summary = Buffer.from(
      renderSummaryHtml({
        companyName: options.companyName,
        email: options.email,
        generatedAt,
        categories: summaryCategories,
      }),
      "utf8",
    );
    const summaryHasher = new HashingStream();
    await appendEntry(archive, "summary.html", entryDate, summaryHasher, summary);
    files.push({
      path: "summary.html",
      category: null,
      dataset: null,
      format: "html",
      rows: null,
      bytes: summaryHasher.bytes,
      sha256: summaryHasher.digest!,
    });

    const manifest = buildManifest({
      exportId: options.exportId,
      generatedAt,
      userId: options.userId,
      email: options.email,
      files,
    });
    archive.append(Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8"), {
      name: "manifest.json",
      date: entryDate,
    });
    await archive.finalize();
    await written;
    await client.query("COMMIT");
    transactionOpen = false;
    report(null, 0);
    return { bytes: zipHash.bytes, sha256: zipHash.digest!, manifest };
  } finally {
    const failed = transactionOpen;
    if (transactionOpen) {
      // Failed part-way: stop writing; the caller deletes the partial file.
      archive?.abort();
      output?.destroy();
      await client.query("ROLLBACK").catch(() => {});
    }
    for (const file of spoolFiles) await fs.promises.rm(file, { force: true }).catch(() => {});
    // After a failure mid-COPY a connection may be unusable: drop it rather than pool it.
    client.release(failed);
  }
}
