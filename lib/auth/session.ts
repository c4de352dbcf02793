// When the current database session began: a session row is created at each
// sign-in, so its creation time is the time of the last sign-in.
import "server-only";
import { prisma } from "../core/db";

export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export async function findSessionStart(sessionToken: string, userId: string): Promise<Date | null> {
  const row = await prisma.session.findFirst({ where: { sessionToken, userId }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}
