// The signed-in user's own preference history, newest first, paginated.
import "server-only";
import { prisma } from "../core/db";

export const HISTORY_PAGE_SIZE = 25;

export async function listPreferenceHistory(input: { userId: string; page: number }) {
  const page = Math.max(1, Math.floor(input.page));
  const [total, rows] = await Promise.all([
    prisma.consentEvent.count({ where: { userId: input.userId } }),
    prisma.consentEvent.findMany({
      where: { userId: input.userId },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * HISTORY_PAGE_SIZE,
      take: HISTORY_PAGE_SIZE,
      select: { id: true, subject: true, oldValue: true, newValue: true, source: true, occurredAt: true },
    }),
  ]);
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE)),
    events: rows.map((row) => ({ ...row, id: row.id.toString() })),
  };
}
