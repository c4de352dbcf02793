// Builds one person's export archive, streamed end to end:
//   PostgreSQL cursor (pg-query-stream) → JSON / CSV formatter → SHA-256 + byte
//   counter → archiver (zip, deflate) → SHA-256 of the zip → file.
// Memory stays flat whatever the row count. All reads happen in one
// REPEATABLE READ snapshot, so the row counts in the manifest (taken at the
// start) equal the rows written, and both equal what the database holds.
import fs from "node:fs";
import { once } from "node:events";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZipArchive } from "archiver";
import type pg from "pg";
import QueryStream from "pg-query-stream";
import { categories, type Column, type Dataset } from "../data/registry";
import { countDatasets, exportQuery } from "../data/queries";
import { csvLine } from "./csv";
import { HashingStream } from "./hashing";
import { buildManifest, type Manifest, type ManifestFile } from "./manifest";
import { renderSummaryHtml, type SummaryCategory } from "./summary";

export type ExportProgress = { doneRows: number; totalRows: number; currentCategory: string | null };

export type BuildExportOptions = {
  pool: pg.Pool;
  exportId: string;
  userId: string;
  email: string;
  outputPath: string;
  companyName: string;
  appUrl: string;
  /** Deflate level for entries (1 = fastest). */
  compressionLevel?: number;
  onProgress?: (progress: ExportProgress) => void;
  now?: () => Date;
};

export type BuildExportResult = { bytes: number; sha256: string; manifest: Manifest };

const FLUSH_BYTES = 64 * 1024;
const identity = (value: string) => value;
const rawTypes = { getTypeParser: () => identity };

/** Turns rows (arrays of text) into one JSON array or CSV document, in 64 kB chunks. */
class RowFormatter extends Transform {
  rows = 0;
  private buffer = "";
  private readonly prefixes: string[];
  private readonly kinds: Column["kind"][];
  private readonly policyIndex: number;

  constructor(
    private readonly format: "json" | "csv",
    columns: Column[],
    private readonly policyLabels: Map<string, string>,
    private readonly onRows: (count: number) => void,
  ) {
    super({ writableObjectMode: true, readableHighWaterMark: FLUSH_BYTES });
    this.kinds = columns.map((column) => column.kind);
    this.prefixes = columns.map((column, index) => `${index === 0 ? "{" : ","}${JSON.stringify(column.key)}:`);
    this.policyIndex = columns.findIndex((column) => column.key === "policyVersion");
    this.buffer = format === "json" ? "[" : csvLine(columns.map((column) => column.key));
  }

  override _transform(row: (string | null)[], _encoding: BufferEncoding, callback: TransformCallback) {
    if (this.policyIndex >= 0) {
      const id = row[this.policyIndex];
      row[this.policyIndex] = id === null ? null : this.policyLabels.get(id) ?? id;
    }
    if (this.format === "csv") {
      this.buffer += csvLine(row, this.kinds);
    } else {
      let line = this.rows === 0 ? "\n" : ",\n";
      for (let index = 0; index < row.length; index++) {
        const value = row[index];
        const kind = this.kinds[index];
        line += this.prefixes[index];
        line += value === null ? "null" : kind === "json" || kind === "number" || kind === "bool" ? value : JSON.stringify(value);
      }
      this.buffer += line + "}";
    }
    this.rows++;
    if (this.buffer.length >= FLUSH_BYTES) {
      this.push(this.buffer);
      this.buffer = "";
      this.onRows(this.rows);
    }
    callback();
  }

  override _flush(callback: TransformCallback) {
    if (this.format === "json") this.buffer += this.rows === 0 ? "]\n" : "\n]\n";
    if (this.buffer) this.push(this.buffer);
    this.buffer = "";
    this.onRows(this.rows);
    callback();
  }
}

async function appendEntry(archive: ZipArchive, name: string, source: NodeJS.ReadableStream | Buffer, hasher: HashingStream, sourcePipeline?: Promise<void>) {
  const entryDone = once(archive, "entry");
  if (Buffer.isBuffer(source)) {
    hasher.end(source);
  }
  archive.append(hasher, { name, date: new Date("2026-01-01T00:00:00Z") });
  await Promise.all([entryDone, sourcePipeline]);
}

export async function buildExportArchive(options: BuildExportOptions): Promise<BuildExportResult> {
  const now = options.now ?? (() => new Date());
  const client = await options.pool.connect();
  let transactionOpen = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    transactionOpen = true;
    const counts = await countDatasets(client, options.userId);
    const totalRows = [...counts.values()].reduce((sum, entry) => sum + entry.total, 0);
    const policies = await client.query<{ id: string; slug: string; title: string; version: number; effective: string | null }>(
      `SELECT v.id, d.slug, d.title, v.version, to_char(v."effectiveAt", 'YYYY-MM-DD') AS effective FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId"`,
    );
    const policyLabels = new Map(policies.rows.map((row) => [row.id, `${row.title} v${row.version}`]));
    const sharing = await client.query<{ name: string; kind: string; purpose: string; categories: string[] }>(
      `SELECT name, kind::text, purpose, "dataCategories" AS categories FROM "SharingRegisterEntry" WHERE "endsOn" IS NULL OR "endsOn" > now() ORDER BY name`,
    );

    const archive = new ZipArchive({ zlib: { level: options.compressionLevel ?? 1 } });
    const zipHash = new HashingStream();
    const output = fs.createWriteStream(options.outputPath, { mode: 0o600 });
    const written = pipeline(archive, zipHash, output);
    written.catch(() => {});

    const files: ManifestFile[] = [];
    // Progress counts each row twice (JSON pass, CSV pass); report rows.
    let completedUnits = 0;
    const report = (category: string | null, currentUnits: number) =>
      options.onProgress?.({ doneRows: Math.floor((completedUnits + currentUnits) / 2), totalRows, currentCategory: category });

    for (const category of categories) {
      for (const dataset of category.datasets) {
        const expected = counts.get(dataset.key)?.total ?? 0;
        for (const format of ["json", "csv"] as const) {
          const { columns, text, values } = exportQuery(dataset, options.userId);
          const rows = client.query(new QueryStream(text, values, { batchSize: 2000, rowMode: "array", types: rawTypes }));
          const formatter = new RowFormatter(format, columns, policyLabels, (count) => report(category.title, count));
          const hasher = new HashingStream();
          const path = `${dataset.key}.${format}`;
          await appendEntry(archive, path, hasher, hasher, pipeline(rows, formatter, hasher));
          if (formatter.rows !== expected) throw new Error(`row count mismatch for ${path}: wrote ${formatter.rows}, expected ${expected}`);
          completedUnits += formatter.rows;
          files.push({ path, category: category.slug, dataset: dataset.key, format, rows: formatter.rows, bytes: hasher.bytes, sha256: hasher.digest! });
        }
      }
    }

    const summaryCategories: SummaryCategory[] = categories.map((category) => ({
      category,
      datasets: category.datasets.map((dataset: Dataset) => ({ key: dataset.key, title: dataset.title, rows: counts.get(dataset.key)?.total ?? 0 })),
      sharedWith: sharing.rows.filter((entry) => entry.categories.some((tag) => category.sharingTags.includes(tag.toLowerCase()))).map((entry) => ({ name: entry.name, purpose: entry.purpose })),
      policies: [...(new Set(category.datasets.flatMap((dataset) => [...(counts.get(dataset.key)?.byPolicy.keys() ?? [])])))]
        .filter((id): id is string => Boolean(id))
        .map((id) => policies.rows.find((row) => row.id === id))
        .filter((row) => row !== undefined)
        .map((row) => ({ label: `${row.title}, version ${row.version}`, url: `${options.appUrl}/policies/${row.slug}/v/${row.version}`, effective: row.effective })),
    }));
    const generatedAt = now();
    const summary = Buffer.from(renderSummaryHtml({ companyName: options.companyName, email: options.email, generatedAt, categories: summaryCategories }), "utf8");
    const summaryHasher = new HashingStream();
    await appendEntry(archive, "summary.html", summary, summaryHasher);
    files.push({ path: "summary.html", category: null, dataset: null, format: "html", rows: null, bytes: summaryHasher.bytes, sha256: summaryHasher.digest! });

    const manifest = buildManifest({ exportId: options.exportId, generatedAt, userId: options.userId, email: options.email, files });
    archive.append(Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8"), { name: "manifest.json", date: new Date("2026-01-01T00:00:00Z") });
    await archive.finalize();
    await written;
    await client.query("COMMIT");
    transactionOpen = false;
    report(null, 0);
    return { bytes: zipHash.bytes, sha256: zipHash.digest!, manifest };
  } finally {
    if (transactionOpen) await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
