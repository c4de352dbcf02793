// The public request metrics (CCPA regulations, 11 CCR 7102): per calendar year
// and request type, how many were received, complied with in whole or in part,
// denied, and the median days to respond. Computed from the requests table in one
// statement; requests outlive their owner's account, so erasures do not change it.
import "server-only";
import { getPool } from "../core/db";

export type MetricsRow = {
  year: number;
  type: string;
  received: number;
  complied: number;
  denied: number;
  withdrawn: number;
  open: number;
  medianDays: number | null;
};

export async function getRequestMetrics(): Promise<MetricsRow[]> {
  const { rows } = await getPool().query<{
    year: number;
    type: string;
    received: string;
    complied: string;
    denied: string;
    withdrawn: string;
    open: string;
    median: string | null;
  }>(
    `SELECT extract(year FROM "createdAt")::int AS year,
            type::text AS type,
            count(*) AS received,
            count(*) FILTER (WHERE status = 'COMPLETED') AS complied,
            count(*) FILTER (WHERE status = 'DENIED') AS denied,
            count(*) FILTER (WHERE status = 'WITHDRAWN') AS withdrawn,
            count(*) FILTER (WHERE "isOpen") AS open,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "closedAt" - "createdAt") / 86400.0)
              FILTER (WHERE status IN ('COMPLETED', 'DENIED') AND "closedAt" IS NOT NULL) AS median
       FROM "PrivacyRequest"
      -- A request filed by address counts once its address is confirmed (an unconfirmed one is no request).
      WHERE status <> 'AWAITING_VERIFICATION'
      GROUP BY 1, 2
      ORDER BY 1 DESC, 2`,
  );
  return rows.map((row) => ({
    year: row.year,
    type: row.type,
    received: Number(row.received),
    complied: Number(row.complied),
    denied: Number(row.denied),
    withdrawn: Number(row.withdrawn),
    open: Number(row.open),
    medianDays: row.median === null ? null : Math.round(Number(row.median) * 10) / 10,
  }));
}
