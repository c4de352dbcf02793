// Builds one person's export archive, streamed end to end:
//   PostgreSQL COPY (rows rendered as JSON / CSV by the server) → SHA-256 +
//   byte counter → archiver (zip, deflate) → SHA-256 of the zip → file.
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
import { csvCopySql, jsonCopySql, sqlLiteral } from "./sql";
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

/** Counts line ends (an estimate of CSV rows, for progress only). */
class LineCounter extends Transform {
  lines = 0;
  constructor(private readonly onLines: (lines: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    let index = chunk.indexOf(NEWLINE);
    while (index !== -1) {
      this.lines++;
      index = chunk.indexOf(NEWLINE, index + 1);
    }
    this.onLines(this.lines);
    callback(null, chunk);
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

export async function buildExportArchive(options: BuildExportOptions): Promise<BuildExportResult> {
  const now = options.now ?? (() => new Date());
  // Every file in the archive carries the time the export was made.
  const entryDate = now();
  const client = await options.pool.connect();
  // A second connection renders the CSV files while the first renders JSON
  // (PostgreSQL does most of the work, so two backends run it in parallel);
  // it imports the first one's snapshot, so both see exactly the same rows.
  const side = await options.pool.connect();
  let transactionOpen = false;
  let archive: ZipArchive | null = null;
  let output: fs.WriteStream | null = null;
  const spoolFiles: string[] = [];
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    transactionOpen = true;
    await client.query("SET LOCAL TimeZone = 'UTC'");
    const snapshot = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    await side.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await side.query(`SET TRANSACTION SNAPSHOT ${sqlLiteral(snapshot.rows[0].id)}`);
    await side.query("SET LOCAL TimeZone = 'UTC'");
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

    archive = new ZipArchive({ zlib: { level: options.compressionLevel ?? 1 } });
    const zipHash = new HashingStream();
    output = fs.createWriteStream(options.outputPath, { mode: 0o600 });
    const written = pipeline(archive, zipHash, output);
    written.catch(() => {});

    const files: ManifestFile[] = [];
    // Progress counts each row twice (JSON pass, CSV pass); report rows.
    let completedUnits = 0;
    const report = (category: string | null, currentUnits: number) =>
      options.onProgress?.({
        doneRows: Math.floor((completedUnits + currentUnits) / 2),
        totalRows,
        currentCategory: category,
      });

    // Pipeline: the side connection spools dataset N's CSV while the main one
    // streams N's JSON into the zip; then N+1's CSV spool starts while N's CSV
    // file is appended, so neither backend waits on the zip.
    const work = categories.flatMap((category) => category.datasets.map((dataset) => ({ category, dataset })));
    const startSpool = (dataset: Dataset) => {
      const path = `${options.outputPath}.${dataset.key}.csv`;
      spoolFiles.push(path);
      const copy = side.query(copyTo(csvCopySql(dataset, subject, policyLabels)));
      const hasher = new HashingStream();
      const spool = { path, copy, hasher, lines: 0, done: Promise.resolve() };
      spool.done = pipeline(
        copy,
        new Coalescer(),
        new LineCounter((lines) => {
          spool.lines = lines;
        }),
        hasher,
        fs.createWriteStream(path, { mode: 0o600 }),
      );
      spool.done.catch(() => {}); // awaited below; this only avoids an unhandled rejection meanwhile
      return spool;
    };
    let nextSpool = work.length > 0 ? startSpool(work[0].dataset) : null;
    for (let index = 0; index < work.length; index++) {
      const { category, dataset } = work[index];
      const spool = nextSpool!;
      const expected = counts.get(dataset.key)?.total ?? 0;
      const jsonPath = `${dataset.key}.json`;
      const csvPath = `${dataset.key}.csv`;
      const jsonCopy = client.query(copyTo(jsonCopySql(dataset, subject, policyLabels)));
      const jsonHasher = new HashingStream();
      const shaper = new JsonLinesToArray(
        outputColumns(dataset).map((column) => column.key),
        (rows) => report(category.title, Math.min(rows, expected) + Math.min(Math.max(0, spool.lines - 1), expected)),
      );
      await Promise.all([
        appendEntry(archive, jsonPath, entryDate, jsonHasher, pipeline(jsonCopy, new Coalescer(), shaper, jsonHasher)),
        spool.done,
      ]);
      if (jsonCopy.rowCount !== expected || shaper.rows !== expected || spool.copy.rowCount !== expected) {
        throw new Error(
          `row count mismatch for ${dataset.key}: json ${jsonCopy.rowCount}/${shaper.rows}, csv ${spool.copy.rowCount}, expected ${expected}`,
        );
      }
      nextSpool = index + 1 < work.length ? startSpool(work[index + 1].dataset) : null;
      const csvEntry = once(archive, "entry");
      archive.append(fs.createReadStream(spool.path, { highWaterMark: 1024 * 1024 }), {
        name: csvPath,
        date: entryDate,
      });
      await csvEntry;
      await fs.promises.rm(spool.path, { force: true });
      completedUnits += 2 * expected;
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
        bytes: spool.hasher.bytes,
        sha256: spool.hasher.digest!,
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
    await side.query("COMMIT");
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
      await side.query("ROLLBACK").catch(() => {});
      await client.query("ROLLBACK").catch(() => {});
    }
    for (const file of spoolFiles) await fs.promises.rm(file, { force: true }).catch(() => {});
    // After a failure mid-COPY a connection may be unusable: drop it rather than pool it.
    side.release(failed);
    client.release(failed);
  }
}
