// Database side of ingestion: install lookups (cached briefly, invalidated at
// once through LISTEN/NOTIFY when a preference changes), the per-install rate
// limit, and the batch writer. Plain `pg`, no "server-only": the lean ingestion
// server (scripts/ingest-server.ts) runs this outside Next.js.
import type pg from "pg";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { AcceptedReport, IngestDeps, InstallState } from "./ingest";

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
   WHERE c.id = $1`;

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
  UPDATE "Cluster" c SET "lastReportAt" = GREATEST(c."lastReportAt", m.last)
    FROM (SELECT "clusterId", max("receivedAt") AS last FROM inserted GROUP BY 1) m
   WHERE c.id = m."clusterId"`;

export class BatchWriter {
  private buffer: AcceptedReport[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
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
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const write = this.write(batch).finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
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

  /** Writes everything buffered and waits for writes in flight (shutdown, tests). */
  async drain(): Promise<void> {
    this.flushNow();
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}

type CacheEntry = { value: InstallState | null; expires: number };

export class IngestStore {
  readonly writer: BatchWriter;
  private cache = new Map<string, CacheEntry>();
  private limiter: RateLimiterMemory;
  private listener: pg.PoolClient | null = null;
  private listening: Promise<void> | null = null;

  constructor(private readonly options: IngestStoreOptions) {
    const log = options.log ?? ((message: string) => console.error(`[telemetry] ${message}`));
    this.writer = new BatchWriter({ pool: options.pool, batchSize: options.batchSize, flushMs: options.flushMs, maxPending: options.batchSize * 40, log });
    this.limiter = new RateLimiterMemory({ points: options.ratePerMinute, duration: 60 });
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
          this.cache.clear();
        });
        await client.query(`LISTEN ${TELEMETRY_CHANNEL}`);
        this.listener = client;
      } catch (error) {
        this.listening = null;
        (this.options.log ?? console.error)(`telemetry listener unavailable: ${(error as Error).message}`);
      }
    })();
    return this.listening;
  }

  invalidate(payload: string) {
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
    const { rows } = await this.options.pool.query<InstallState>(installQuery, [installId]);
    const value = rows[0] ?? null;
    if (this.options.cacheSeconds > 0) {
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(installId, { value, expires: now + this.options.cacheSeconds * 1000 });
    }
    return value;
  }

  async consumeRateLimit(installId: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    try {
      await this.limiter.consume(installId);
      return { ok: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      throw error;
    }
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
