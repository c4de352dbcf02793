// Housekeeping: expired magic-link tokens, sessions and rate-limit counters.
import "server-only";
import { now as clockNow } from "../core/clock";
import { prisma } from "../core/db";

export async function purgeExpiredAuthData(at?: Date) {
  const now = at ?? (await clockNow());
  const [tokens, sessions, limits] = await Promise.all([
    prisma.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    prisma.session.deleteMany({ where: { expires: { lt: now } } }),
    prisma.rateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } }),
  ]);
  return { tokens: tokens.count, sessions: sessions.count, rateLimits: limits.count };
}
