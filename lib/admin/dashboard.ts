// The privacy team's front page figures: the request queue's workload (the same rows
// the queue lists: open, address confirmed; withdrawn, completed and denied are closed),
// requests received and closed per week, and the newest notice campaigns' progress.
import "server-only";
import { now } from "../core/clock";
import { getPool, prisma } from "../core/db";
import { assertAdmin, type Viewer } from "../core/viewer";
import { listNoticeCampaigns } from "../notices/campaign";

/** How many weeks the received/closed chart shows (this one and the ones before it). */
export const DASHBOARD_WEEKS = 12;
const DAY = 86_400_000;

/** Monday 00:00 UTC of the week `at` falls in (ISO weeks, as PostgreSQL's date_trunc('week')). */
export function weekStart(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day - weekday * DAY);
}

/** The `count` weeks up to and including the one `at` falls in, oldest first. */
export function lastWeeks(at: Date, count: number = DASHBOARD_WEEKS): Date[] {
  const current = weekStart(at).getTime();
  return Array.from({ length: count }, (_, index) => new Date(current - (count - 1 - index) * 7 * DAY));
}

export type WeeklyFlow = { start: Date; received: number; closed: number };

/** Rows of (week start, received, closed) put on the given weeks; weeks without rows are zeros. */
export function bucketByWeek(rows: { week: Date; received: number; closed: number }[], weeks: Date[]): WeeklyFlow[] {
  const byWeek = new Map(weeks.map((start) => [start.getTime(), { start, received: 0, closed: 0 }]));
  for (const row of rows) {
    const entry = byWeek.get(weekStart(row.week).getTime());
    if (!entry) continue;
    entry.received += row.received;
    entry.closed += row.closed;
  }
  return [...byWeek.values()];
}

// The queue (lib/requests/admin.ts listRequestQueue) lists open requests whose address is
// confirmed: these counts use the same two conditions, so the tile and the queue agree.
const QUEUE_OPEN = `"isOpen" AND status <> 'AWAITING_VERIFICATION'`;

export async function getRequestWorkload({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const at = await now();
  const weeks = lastWeeks(at);
  const from = weeks[0];
  const [counts, flows] = await Promise.all([
    getPool().query<{ open: number; overdue: number; dueSoon: number; unassigned: number }>(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE "dueAt" < $1)::int AS overdue,
              count(*) FILTER (WHERE "dueAt" >= $1 AND "dueAt" <= $2)::int AS "dueSoon",
              count(*) FILTER (WHERE "assigneeId" IS NULL)::int AS unassigned
         FROM "PrivacyRequest" WHERE ${QUEUE_OPEN}`,
      [at, new Date(at.getTime() + 7 * DAY)],
    ),
    getPool().query<{ week: string; received: number; closed: number }>(
      `SELECT to_char(week, 'YYYY-MM-DD') AS week, sum(received)::int AS received, sum(closed)::int AS closed FROM (
         SELECT date_trunc('week', "createdAt") AS week, 1 AS received, 0 AS closed
           FROM "PrivacyRequest" WHERE "createdAt" >= $1 AND status <> 'AWAITING_VERIFICATION'
         UNION ALL
         SELECT date_trunc('week', "closedAt"), 0, 1
           FROM "PrivacyRequest" WHERE "closedAt" >= $1 AND NOT "isOpen"
       ) t GROUP BY week`,
      [from],
    ),
  ]);
  const rows = flows.rows.map((row) => ({ ...row, week: new Date(`${row.week}T00:00:00Z`) }));
  return { at, ...counts.rows[0], weeks: bucketByWeek(rows, weeks) };
}

/** The newest campaigns of each kind, with figures that add up to their recipients. */
export async function getCampaignOverview({ admin, take = 3 }: { admin: Viewer; take?: number }) {
  assertAdmin(admin);
  const [notices, breaches] = await Promise.all([
    listNoticeCampaigns({ admin, take, kind: "POLICY" }),
    listNoticeCampaigns({ admin, take, kind: "BREACH" }),
  ]);
  const titles = new Map(
    (
      await prisma.breach.findMany({
        where: { id: { in: breaches.flatMap((campaign) => (campaign.breachId ? [campaign.breachId] : [])) } },
        select: { id: true, title: true },
      })
    ).map((breach) => [breach.id, breach.title]),
  );
  return {
    notices: notices.map((campaign) => ({ ...campaign, breachTitle: null })),
    breaches: breaches.map((campaign) => ({ ...campaign, breachTitle: titles.get(campaign.breachId ?? "") ?? null })),
  };
}
