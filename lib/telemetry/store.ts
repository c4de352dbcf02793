// Database side of ingestion: install lookups (cached briefly, invalidated at
// once through LISTEN/NOTIFY when a preference changes), the per-install rate
// limit, and the batch writer. Plain `pg`: the lean ingestion server
// (scripts/ingest-server.ts) runs this outside Next.js.
import "server-only";
import type pg from "pg";
import type { AcceptedReport, IngestDeps, InstallState } from "./ingest";
import { log as appLog } from "../log";

export const TELEMETRY_CHANNEL = "telemetry_prefs";

export type IngestStoreOptions = {
  pool: pg.Pool;
  maxBytes: number;
  ratePerMinute: number;
  batchSize: number;
  flushMs: number;
  cacheSeconds: number;
  log?: (message: string) => void;
};

const installQuery = `
  SELECT c.id, c."userId", c."tokenHash", c."telemetryEnabled" AS "clusterEnabled",
         COALESCE(p."telemetryEnabled", true) AS "accountEnabled",
         (u."restrictedAt" IS NOT NULL) AS restricted
    FROM "Cluster" c
    JOIN "User" u ON u.id = c."userId"
    LEFT JOIN "UserPreferences" p ON p."userId" = c."userId"
   WHERE c.id = ANY($1::text[])`;

// The opt-out is checked again inside the INSERT, so a report accepted from a
// stale cache entry is still never stored once the install or owner opted out.
const insertBatch = `
  WITH incoming AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS t("clusterId" text, kind text, "receivedAt" timestamptz, ip text, payload jsonb)
  ), policy AS (
    SELECT v.id FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId"
     WHERE d.slug = 'privacy' AND v.status = 'PUBLISHED' AND v."effectiveAt" <= now()
     ORDER BY v."effectiveAt" DESC LIMIT 1
  ), inserted AS (
    INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, ip, payload, "policyVersionId")
    SELECT c."userId", i."clusterId", i."receivedAt", i.kind, i.ip, i.payload, (SELECT id FROM policy)
      FROM incoming i
      JOIN "Cluster" c ON c.id = i."clusterId" AND c."telemetryEnabled"
      JOIN "User" u ON u.id = c."userId" AND u."restrictedAt" IS NULL
      LEFT JOIN "UserPreferences" p ON p."userId" = c."userId"
     WHERE COALESCE(p."telemetryEnabled", true)
    RETURNING "clusterId", "receivedAt"
  )
  UPDATE "Cluster" c SET "lastReportAt" = m.last
    FROM (SELECT "clusterId", max("receivedAt") AS last FROM inserted GROUP BY 1) m
   WHERE c.id = m."clusterId" AND (c."lastReportAt" IS NULL OR c."lastReportAt" < m.last - interval '5 seconds')`;
// lastReportAt is refreshed at most every 5 s per install: a busy install does
// not rewrite its Cluster row for every batch.

/**
 * Buffers accepted reports and writes them with one INSERT per batch. One write
 * is in flight at a time: under load the next batch grows while the previous
 * one commits (fewer, larger transactions), and batches never contend for the
 * same Cluster rows.
 */
export class BatchWriter {
  private buffer: AcceptedReport[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  written = 0;
  failed = 0;

  constructor(private readonly options: { pool: pg.Pool; batchSize: number; flushMs: number; maxPending: number; log: (message: string) => void }) {}

  get pending(): number {
    return this.buffer.length;
  }

  add(report: AcceptedReport): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (this.buffer.length >= this.options.maxPending) return { ok: false, retryAfterSeconds: 5 };
    this.buffer.push(report);
    if (this.buffer.length >= this.options.batchSize) this.flushNow();
    else this.timer ??= setTimeout(() => this.flushNow(), this.options.flushMs);
    return { ok: true };
  }

  private flushNow() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.buffer.length === 0) return;
    const batch = this.buffer.splice(0, this.options.batchSize * 4);
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      if (this.buffer.length) this.flushNow();
    });
  }

  private async write(batch: AcceptedReport[], attempt = 1): Promise<void> {
    try {
      await this.options.pool.query(insertBatch, [JSON.stringify(batch)]);
      this.written += batch.length;
    } catch (error) {
      if (attempt < 3) {
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        return this.write(batch, attempt + 1);
      }
      this.failed += batch.length;
      this.options.log(`telemetry batch of ${batch.length} lost: ${(error as Error).message}`);
    }
  }

  /** Writes everything buffered and waits for it (shutdown, tests). */
  async drain(): Promise<void> {
    this.flushNow();
    while (this.writing || this.buffer.length) {
      if (this.writing) await this.writing;
      else this.flushNow();
    }
  }
}

/** Fixed one-minute window per install, in memory (per process; see notes). */
export class InstallRateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  consume(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    let window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 100_000) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > this.perMinute) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000)) };
    return { ok: true };
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (now - window.start >= 60_000) this.windows.delete(key);
  }
}

type CacheEntry = { value: InstallState | null; expires: number };

export class IngestStore {
  readonly writer: BatchWriter;
  private cache = new Map<string, CacheEntry>();
  /** Bumped on every invalidation: a lookup that overlapped one is not cached. */
  private generation = 0;
  private limiter: InstallRateLimiter;
  private listener: pg.PoolClient | null = null;
  private listening: Promise<void> | null = null;

  constructor(private readonly options: IngestStoreOptions) {
    const log = options.log ?? ((message: string) => appLog.error(`telemetry: ${message}`));
    this.writer = new BatchWriter({ pool: options.pool, batchSize: options.batchSize, flushMs: options.flushMs, maxPending: options.batchSize * 40, log });
    this.limiter = new InstallRateLimiter(options.ratePerMinute);
  }

  /** Subscribes to preference changes so cached opt-out state is dropped at once. */
  listen(): Promise<void> {
    this.listening ??= (async () => {
      try {
        const client = await this.options.pool.connect();
        client.on("notification", (message) => this.invalidate(message.payload ?? ""));
        client.on("error", () => {
          this.listener = null;
          this.listening = null;
          this.generation += 1;
          this.cache.clear();
          client.release(true);
        });
        await client.query(`LISTEN ${TELEMETRY_CHANNEL}`);
        this.listener = client;
      } catch (error) {
        this.listening = null;
        (this.options.log ?? ((message: string) => appLog.error(message)))(`telemetry listener unavailable: ${(error as Error).message}`);
      }
    })();
    return this.listening;
  }

  invalidate(payload: string) {
    this.generation += 1;
    if (payload.startsWith("user:")) {
      const userId = payload.slice(5);
      for (const [key, entry] of this.cache) if (!entry.value || entry.value.userId === userId) this.cache.delete(key);
    } else if (payload.startsWith("cluster:")) {
      this.cache.delete(payload.slice(8));
    } else {
      this.cache.clear();
    }
  }

  async findInstall(installId: string): Promise<InstallState | null> {
    const now = Date.now();
    const cached = this.cache.get(installId);
    if (cached && cached.expires > now) return cached.value;
    if (!this.listening) void this.listen();
    return this.loadInstall(installId);
  }

  // Lookups that miss the cache within one tick share one query (id = ANY(...)),
  // so a burst of new installs costs a few round trips, not one each.
  private queued = new Map<string, Array<(value: InstallState | null) => void>>();
  private failures = new Map<string, Array<(error: Error) => void>>();
  private scheduled = false;

  private loadInstall(installId: string): Promise<InstallState | null> {
    return new Promise((resolve, reject) => {
      const waiting = this.queued.get(installId);
      if (waiting) {
        waiting.push(resolve);
        this.failures.get(installId)!.push(reject);
      } else {
        this.queued.set(installId, [resolve]);
        this.failures.set(installId, [reject]);
      }
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.runLookups());
      }
    });
  }

  private async runLookups() {
    this.scheduled = false;
    const queued = this.queued;
    const failures = this.failures;
    this.queued = new Map();
    this.failures = new Map();
    const ids = [...queued.keys()];
    const generation = this.generation;
    try {
      const { rows } = await this.options.pool.query<InstallState>(installQuery, [ids]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      // Without a live LISTEN connection, changes are not pushed: keep entries only briefly.
      const seconds = this.listener ? this.options.cacheSeconds : Math.min(this.options.cacheSeconds, 2);
      const cacheable = seconds > 0 && generation === this.generation;
      const expires = Date.now() + seconds * 1000;
      if (this.cache.size > 100_000) this.cache.clear();
      for (const id of ids) {
        const value = byId.get(id) ?? null;
        if (cacheable) this.cache.set(id, { value, expires });
        for (const resolve of queued.get(id)!) resolve(value);
      }
    } catch (error) {
      for (const id of ids) for (const reject of failures.get(id)!) reject(error as Error);
    }
  }

  async consumeRateLimit(installId: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    return this.limiter.consume(installId);
  }

  deps(): IngestDeps {
    void this.listen();
    return {
      maxBytes: this.options.maxBytes,
      findInstall: (id) => this.findInstall(id),
      consumeRateLimit: (id) => this.consumeRateLimit(id),
      enqueue: (report) => this.writer.add(report),
    };
  }

  async close() {
    await this.writer.drain();
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      await listener.query(`UNLISTEN ${TELEMETRY_CHANNEL}`).catch(() => undefined);
      listener.release();
    }
  }
}
