// Prometheus metrics (GET /api/metrics with METRICS_TOKEN; the ingestion server's
// /metrics). Figures kept in the database are read at scrape time, so every app
// instance reports the same shared state and nothing is lost when a worker restarts:
// queue depth and failures per job type (pg-boss), notices by status, exports built
// and build duration, privacy requests due within 7 days and overdue.
import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import client from "prom-client";
import { getPool } from "../core/db";
import { env } from "../core/env";
import { processMetrics } from "./counters";

const globalForRegistry = globalThis as unknown as { __portalDbMetrics?: boolean };

type Row = Record<string, string | number | null>;

async function rows<T extends Row>(sql: string): Promise<T[]> {
  return (await getPool().query<T>(sql)).rows;
}

const OPEN_REQUEST = `('RECEIVED','ACKNOWLEDGED','VERIFIED','IN_PROGRESS')`;

function registerDatabaseMetrics(registry: client.Registry) {
  new client.Gauge({
    name: "portal_job_queue_depth",
    help: "Jobs waiting or running per job type (pg-boss created/retry/active)",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const result = await rows<{ name: string; state: string; n: string }>(
        `SELECT name, state::text AS state, count(*)::text AS n FROM pgboss.job WHERE state IN ('created','retry','active') GROUP BY 1, 2`,
      ).catch(() => []);
      for (const row of result) this.set({ queue: row.name, state: row.state }, Number(row.n));
    },
  });
  new client.Gauge({
    name: "portal_job_failures",
    help: "Failed jobs per job type still retained by pg-boss (failed state, last 7 days)",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const result = await rows<{ name: string; n: string }>(
        `SELECT name, count(*)::text AS n FROM pgboss.job WHERE state = 'failed' GROUP BY 1`,
      ).catch(() => []);
      for (const row of result) this.set({ queue: row.name }, Number(row.n));
    },
  });
  new client.Gauge({
    name: "portal_notices",
    help: "Change-notice deliveries by status (sent, failed, queued, sending, cancelled)",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const status of ["sent", "failed", "queued", "sending", "cancelled"]) this.set({ status }, 0);
      const result = await rows<{ status: string; n: string }>(
        `SELECT lower(status::text) AS status, count(*)::text AS n FROM "NoticeDelivery" GROUP BY 1`,
      );
      for (const row of result) this.set({ status: row.status }, Number(row.n));
    },
  });
  new client.Gauge({
    name: "portal_exports_built",
    help: "Export archives built (ever; READY or since expired)",
    registers: [registry],
    async collect() {
      const [row] = await rows<{ n: string }>(
        `SELECT count(*)::text AS n FROM "ExportJob" WHERE "completedAt" IS NOT NULL`,
      );
      this.set(Number(row.n));
    },
  });
  new client.Gauge({
    name: "portal_export_build_seconds",
    help: "Build duration of exports completed in the last 24 hours",
    labelNames: ["stat"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const [row] = await rows<{ avg: string | null; p95: string | null; max: string | null; n: string }>(
        `SELECT avg(d)::text AS avg, percentile_cont(0.95) WITHIN GROUP (ORDER BY d)::text AS p95, max(d)::text AS max, count(*)::text AS n
           FROM (SELECT extract(epoch FROM "completedAt" - "startedAt") AS d FROM "ExportJob"
                  WHERE "completedAt" > (now() AT TIME ZONE 'UTC') - interval '24 hours' AND "startedAt" IS NOT NULL) t`,
      );
      this.set({ stat: "count" }, Number(row.n));
      for (const stat of ["avg", "p95", "max"] as const) this.set({ stat }, Number(row[stat] ?? 0));
    },
  });
  new client.Gauge({
    name: "portal_privacy_requests",
    help: "Open privacy requests by deadline: due within 7 days, or overdue",
    labelNames: ["deadline"] as const,
    registers: [registry],
    async collect() {
      const [row] = await rows<{ soon: string; overdue: string }>(
        `SELECT count(*) FILTER (WHERE "dueAt" >= t.now AND "dueAt" < t.now + interval '7 days')::text AS soon,
                count(*) FILTER (WHERE "dueAt" < t.now)::text AS overdue
           FROM "PrivacyRequest", (SELECT now() AT TIME ZONE 'UTC' AS now) t
          WHERE status::text IN ${OPEN_REQUEST}`,
      );
      this.set({ deadline: "due_within_7_days" }, Number(row.soon));
      this.set({ deadline: "overdue" }, Number(row.overdue));
    },
  });
}

/** The process's registry with the shared database figures added (app instances). */
export function metricsRegistry(options: { database: boolean }): client.Registry {
  const { registry } = processMetrics();
  if (options.database && !globalForRegistry.__portalDbMetrics) {
    registerDatabaseMetrics(registry);
    globalForRegistry.__portalDbMetrics = true;
  }
  return registry;
}

/** Constant-time bearer check; without METRICS_TOKEN the endpoint does not exist. */
export function metricsAccess(authorization: string | null): "ok" | "disabled" | "denied" {
  const token = env().METRICS_TOKEN;
  if (!token) return "disabled";
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token)) ? "ok" : "denied";
}
