// Reads the development mail catcher's store: every email sent, sign-in links
// included. Served only outside production (MAIL_CATCHER=1, set by the launcher
// for `npm run dev`, the local demo and the test server); in production no setting
// turns it on.
import "server-only";
import { prisma } from "../core/db";
import { env, type Env } from "../core/env";

export function isMailCatcherServed(config: Pick<Env, "MAIL_CATCHER" | "PORTAL_RUN_MODE"> = env()): boolean {
  return config.MAIL_CATCHER && config.PORTAL_RUN_MODE !== "production";
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
  return prisma.caughtMail.findUnique({
    where: { id },
    select: { id: true, to: true, from: true, subject: true, date: true, text: true, html: true, headers: true },
  });
}
