// Database side of ingestion: install lookups (cached briefly, invalidated at
// once through LISTEN/NOTIFY when a preference changes), the per-install rate
// limit, and the batch writer. Plain `pg`: the lean ingestion server
// (scripts/ingest-server.ts) runs this outside Next.js.
import "server-only";
import pg from "pg";
import type { AcceptedReport, IngestDeps, InstallState } from "./ingest";
import { AppError } from "../core/errors";
import { log as appLog } from "../core/log";

export const TELEMETRY_CHANNEL = "telemetry_prefs";

export type IngestStoreOptions = {
  pool: pg.Pool;
  maxBytes: number;
  ratePerMinute: number;
  batchSize: number;
  /** Writes (commits) in flight at once; unset: DEFAULT_CONCURRENCY. */
  concurrency?: number;
  cacheSeconds: number;
  /** A direct connection for LISTEN (DATABASE_LISTEN_URL); unset: one of the pool's connections. */
  listenUrl?: string;
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
// Shape chosen for speed (bench/ingest.ts, notes/issue-20.md): the rows arrive as
// one JSON array (JSON.stringify is native; pg's escaping of five text arrays cost
// about 3x more of the server's CPU per row), each install is looked up by primary key (LIMIT 1 keeps
// the lookup a per-row index probe whatever the table statistics say; `= ANY` does
// the same for the lastReportAt update, else a hash join reads every install), and
// the statement is prepared once per connection (no parse and plan per batch).
const insertBatch = `
  WITH incoming AS (
    SELECT * FROM json_to_recordset($1::json)
      AS t("clusterId" text, kind text, "receivedAt" timestamptz, ip text, payload jsonb)
  ), policy AS (
    SELECT v.id FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId"
     WHERE d.slug = 'privacy' AND v.status = 'PUBLISHED' AND v."effectiveAt" <= now()
     ORDER BY v."effectiveAt" DESC LIMIT 1
  ), inserted AS (
    INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, ip, payload, "policyVersionId")
    SELECT owner."userId", i."clusterId", i."receivedAt", i.kind, i.ip, i.payload, (SELECT id FROM policy)
      FROM incoming i
      CROSS JOIN LATERAL (
        SELECT c."userId" FROM "Cluster" c
          JOIN "User" u ON u.id = c."userId" AND u."restrictedAt" IS NULL
          LEFT JOIN "UserPreferences" p ON p."userId" = c."userId"
         WHERE c.id = i."clusterId" AND c."telemetryEnabled" AND COALESCE(p."telemetryEnabled", true)
         LIMIT 1
      ) owner
    RETURNING "clusterId", "receivedAt"
  ), latest AS (
    SELECT "clusterId", max("receivedAt") AS last FROM inserted GROUP BY 1
  )
  UPDATE "Cluster" c SET "lastReportAt" = m.last
    FROM latest m
   WHERE c.id = ANY (ARRAY(SELECT "clusterId" FROM latest)) AND c.id = m."clusterId"
     AND (c."lastReportAt" IS NULL OR c."lastReportAt" < m.last - interval '1 minute')`;
// lastReportAt is refreshed at most once a minute per install (the page shows it to the
// minute): a busy install does not rewrite its Cluster row for every batch.

/** The batch as insertBatch's one parameter: the reports as a JSON array (keys = the columns of `incoming`). */
function batchParameters(batch: Pending[]): unknown[] {
  const reports: AcceptedReport[] = new Array(batch.length);
  for (let index = 0; index < batch.length; index++) reports[index] = batch[index].report;
  return [JSON.stringify(reports)];
}

/**
 * Group commit: one INSERT per batch, no timer. "Accepted means stored": add()
 * resolves only after the batch holding the report has committed, so the caller
 * answers 202 only then. A report reaching an idle writer starts a write at once;
 * reports that arrive while writes run wait in the buffer and form the next batch
 * (at most `batchSize` rows), started as soon as a write ends. At most
 * `concurrency` writes run at once (2 by default: measured better than 1, 3 or 4). So
 * latency is about one commit, and batches (throughput) grow with the load.
 * When too many reports wait, a write fails, or the writer is closing, add()
 * throws AppError UNAVAILABLE (the caller answers 503 with Retry-After): nothing
 * of that report is kept, and nothing once answered 202 is ever dropped. When
 * PostgreSQL refuses a batch for its content, the batch is written again in
 * halves until the rows it refuses stand alone: only those fail (AppError
 * VALIDATION, answered 400), the others are stored.
 */
type Pending = { report: AcceptedReport; resolve: () => void; reject: (error: Error) => void };

/**
 * PostgreSQL refused the statement because of the data it carried (SQLSTATE class 22,
 * data exception, e.g. 22P05 "unsupported Unicode escape sequence"; 23, integrity; 54,
 * a value too large), not because it is down or busy: worth retrying without some rows.
 */
function isRefusedForContent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

/** Writes in flight at once by default (bench/ingest.ts --writes 1,2,3,4: 2 stored the most, side by side). */
export const DEFAULT_CONCURRENCY = 2;

export class BatchWriter {
  private buffer: Pending[] = [];
  private inFlight = new Set<Promise<void>>();
  private failingUntil = 0;
  private closed = false;
  written = 0;
  failed = 0;
  refused = 0;
  /** Reports the database refused for their content (each alone, after halving its batch). */
  unstorable = 0;

  constructor(
    private readonly options: {
      pool: pg.Pool;
      batchSize: number;
      maxPending: number;
      concurrency?: number;
      log: (message: string) => void;
    },
  ) {}

  /** Reports waiting for a batch or inside one that has not committed yet. */
  get pending(): number {
    return this.buffer.length + this.writingCount;
  }

  private writingCount = 0;

  private refuse(reason: string, retryAfterSeconds: number): never {
    this.refused += 1;
    throw new AppError("UNAVAILABLE", { reason, params: { retryAfterSeconds } });
  }

  /** Resolves once the report is committed; throws AppError UNAVAILABLE when it was not kept. */
  add(report: AcceptedReport): Promise<void> {
    if (this.closed) this.refuse("TELEMETRY_DRAINING", 5);
    if (Date.now() < this.failingUntil) this.refuse("TELEMETRY_STORE", 5);
    if (this.pending >= this.options.maxPending) this.refuse("TELEMETRY_BUSY", 2);
    const promise = new Promise<void>((resolve, reject) => this.buffer.push({ report, resolve, reject }));
    this.startWrites();
    return promise;
  }

  /** Starts a write for what waits, while fewer than `concurrency` run. */
  private startWrites() {
    while (this.buffer.length && this.inFlight.size < (this.options.concurrency ?? DEFAULT_CONCURRENCY)) {
      const batch = this.buffer.splice(0, this.options.batchSize);
      this.writingCount += batch.length;
      const writing: Promise<void> = this.write(batch).finally(() => {
        this.writingCount -= batch.length;
        this.inFlight.delete(writing);
        this.startWrites();
      });
      this.inFlight.add(writing);
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.options.pool.query({
        name: "telemetry-insert-batch",
        text: insertBatch,
        values: batchParameters(batch),
      });
      this.written += batch.length;
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (isRefusedForContent(error)) {
        // One report the database cannot take must not cost the others theirs: halve the
        // batch until the refused rows stand alone (about log2(n) extra INSERTs per bad row).
        if (batch.length > 1) {
          const half = Math.ceil(batch.length / 2);
          await this.write(batch.slice(0, half));
          await this.write(batch.slice(half));
          return;
        }
        this.unstorable += 1;
        this.options.log(
          `telemetry report from install ${batch[0].report.clusterId} refused by the database (answered 400): ${(error as Error).message}`,
        );
        batch[0].reject(new AppError("VALIDATION", { reason: "TELEMETRY_UNSTORABLE", cause: error }));
        return;
      }
      // The INSERT is one statement: it either committed whole or not at all. Refuse
      // what waits behind it too for a moment, so clients back off instead of piling up.
      this.failed += batch.length;
      this.failingUntil = Date.now() + 1000;
      this.options.log(`telemetry batch of ${batch.length} not stored (answered 503): ${(error as Error).message}`);
      const refusal = new AppError("UNAVAILABLE", {
        reason: "TELEMETRY_STORE",
        params: { retryAfterSeconds: 5 },
        cause: error,
      });
      for (const entry of batch) entry.reject(refusal);
      const waiting = this.buffer.splice(0);
      this.failed += waiting.length;
      for (const entry of waiting) entry.reject(refusal);
    }
  }

  /** Stops taking reports and waits until everything taken has committed or been refused (shutdown, tests). */
  async drain(options: { close?: boolean } = {}): Promise<void> {
    if (options.close) this.closed = true;
    this.startWrites();
    while (this.inFlight.size || this.buffer.length) {
      if (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
      else this.startWrites();
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
    if (window.count > this.perMinute)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000)) };
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
  private listener: { client: pg.ClientBase; close: () => Promise<void> } | null = null;
  private listening: Promise<void> | null = null;

  constructor(private readonly options: IngestStoreOptions) {
    const log = options.log ?? ((message: string) => appLog.error(`telemetry: ${message}`));
    this.writer = new BatchWriter({
      pool: options.pool,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      maxPending: options.batchSize * 40,
      log,
    });
    this.limiter = new InstallRateLimiter(options.ratePerMinute);
  }

  private async connectListener(): Promise<{ client: pg.ClientBase; close: (broken?: boolean) => Promise<void> }> {
    if (this.options.listenUrl) {
      // LISTEN needs a session of its own: behind a transaction-mode pooler it must be a direct connection.
      const client = new pg.Client({
        connectionString: this.options.listenUrl,
        application_name: "privacy-portal-listen",
      });
      await client.connect();
      return { client, close: () => client.end().catch(() => undefined) };
    }
    const client = await this.options.pool.connect();
    return { client, close: async (broken) => client.release(broken) };
  }

  /** Subscribes to preference changes so cached opt-out state is dropped at once. */
  listen(): Promise<void> {
    this.listening ??= (async () => {
      try {
        const connection = await this.connectListener();
        const { client } = connection;
        client.on("notification", (message) => this.invalidate(message.payload ?? ""));
        client.on("error", () => {
          this.listener = null;
          this.listening = null;
          this.generation += 1;
          this.cache.clear();
          void connection.close(true);
        });
        await client.query(`LISTEN ${TELEMETRY_CHANNEL}`);
        this.listener = connection;
      } catch (error) {
        this.listening = null;
        (this.options.log ?? ((message: string) => appLog.error(message)))(
          `telemetry listener unavailable: ${(error as Error).message}`,
        );
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

  /** What handleIngest needs, with the server's words for a refused report (lib/actions/messages.ts). */
  deps(describeError: IngestDeps["describeError"]): IngestDeps {
    void this.listen();
    return {
      describeError,
      maxBytes: this.options.maxBytes,
      findInstall: (id) => this.findInstall(id),
      consumeRateLimit: (id) => this.consumeRateLimit(id),
      enqueue: (report) => this.writer.add(report),
    };
  }

  /** Stops taking reports, waits for those taken to commit, closes the listener. */
  async close() {
    await this.writer.drain({ close: true });
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      await listener.client.query(`UNLISTEN ${TELEMETRY_CHANNEL}`).catch(() => undefined);
      await listener.close();
    }
  }
}
