// The legal-request register's public side: transparency counts per year.
import "server-only";
import { getPool } from "../core/db";

export type LegalMetricsRow = { year: number; received: number; disclosed: number; partial: number; refused: number };

/** Public transparency counts: legal requests per year of receipt, by outcome. */
export async function getLegalRequestMetrics(): Promise<LegalMetricsRow[]> {
  const { rows } = await getPool().query<LegalMetricsRow>(
    `SELECT extract(year FROM "receivedAt")::int AS year,
            count(*)::int AS received,
            count(*) FILTER (WHERE decision = 'DISCLOSED')::int AS disclosed,
            count(*) FILTER (WHERE decision = 'PARTIAL')::int AS partial,
            count(*) FILTER (WHERE decision = 'REFUSED')::int AS refused
       FROM "LegalRequest"
      GROUP BY 1
      ORDER BY 1 DESC`,
  );
  return rows;
}
