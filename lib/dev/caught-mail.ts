// Reads the development mail catcher's store. Available only when the catcher
// is enabled (MAIL_CATCHER=1, set by `npm run dev` and the test server).
import "server-only";
import { prisma } from "../db";
import { env } from "../env";

export function isMailCatcherEnabled(): boolean {
  return env().MAIL_CATCHER;
}

export async function listCaughtMail(options: { to?: string; limit?: number }) {
  return prisma.caughtMail.findMany({
    where: options.to ? { to: { contains: options.to.toLowerCase() } } : undefined,
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? 50, 200),
    select: { id: true, to: true, from: true, subject: true, date: true, text: true, html: true, headers: true },
  });
}

export async function findCaughtMail(id: string) {
  return prisma.caughtMail.findUnique({ where: { id }, select: { id: true, to: true, from: true, subject: true, date: true, text: true, html: true, headers: true } });
}
