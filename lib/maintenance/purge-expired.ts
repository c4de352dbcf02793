// Housekeeping: expired magic-link tokens, sessions and rate-limit counters.
import "server-only";
import { prisma } from "../db";

export async function purgeExpiredAuthData(now = new Date()) {
  const [tokens, sessions, limits] = await Promise.all([
    prisma.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    prisma.session.deleteMany({ where: { expires: { lt: now } } }),
    prisma.rateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } }),
  ]);
  return { tokens: tokens.count, sessions: sessions.count, rateLimits: limits.count };
}
