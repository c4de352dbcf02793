// Sign-in rate limits per address and per IP, stored in PostgreSQL so every
// app instance shares them. Keys are hashed: no typed address is stored.
import "server-only";
import { createHmac } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { deriveKey, getKeyRing } from "../core/key-ring";
import { getPool } from "../core/db";
import { env } from "../core/env";
import { AppError } from "../core/errors";

type Limiters = { email: RateLimiterPostgres; ip: RateLimiterPostgres };
const globalForLimits = globalThis as unknown as { __portalLimits?: Limiters };

function getLimiters(): Limiters {
  if (globalForLimits.__portalLimits) return globalForLimits.__portalLimits;
  const common = {
    storeClient: getPool(),
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    duration: env().RATE_LIMIT_WINDOW_SECONDS,
  };
  globalForLimits.__portalLimits = {
    email: new RateLimiterPostgres({ ...common, keyPrefix: "signin-email", points: env().RATE_LIMIT_EMAIL_MAX }),
    ip: new RateLimiterPostgres({ ...common, keyPrefix: "signin-ip", points: env().RATE_LIMIT_IP_MAX }),
  };
  return globalForLimits.__portalLimits;
}

// Keyed with the current secret only: after AUTH_SECRET is rotated the counters start
// again, which a window of at most a day makes harmless.
export function hashKey(value: string): string {
  return createHmac("sha256", deriveKey(getKeyRing().current, "rate-limit")).update(value).digest("hex").slice(0, 40);
}

async function consume(limiter: RateLimiterPostgres, key: string, reason: string) {
  try {
    await limiter.consume(hashKey(key));
  } catch (error) {
    if (error instanceof RateLimiterRes)
      throw new AppError("LIMIT_REACHED", {
        reason,
        params: { retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000) },
      });
    throw error;
  }
}

/** Consumes one sign-in attempt for both the IP and the address; LIMIT_REACHED when either is spent. */
export async function consumeSignInAttempt(email: string, ip: string): Promise<void> {
  const limiters = getLimiters();
  await consume(limiters.ip, ip, "SIGN_IN_IP");
  await consume(limiters.email, email.toLowerCase(), "SIGN_IN_EMAIL");
}

type NamedLimit = { prefix: string; points: number; seconds: number; reason: string };
const globalForNamed = globalThis as unknown as { __portalNamedLimits?: Map<string, RateLimiterPostgres> };

/** Any other per-key limit shared by all instances (e.g. parents' requests per address and per IP). */
function namedLimiter(limit: NamedLimit): RateLimiterPostgres {
  globalForNamed.__portalNamedLimits ??= new Map();
  let limiter = globalForNamed.__portalNamedLimits.get(limit.prefix);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: getPool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: limit.prefix,
      points: limit.points,
      duration: limit.seconds,
    });
    globalForNamed.__portalNamedLimits.set(limit.prefix, limiter);
  }
  return limiter;
}

export async function consumeLimit(limit: NamedLimit, key: string): Promise<void> {
  await consume(namedLimiter(limit), key, limit.reason);
}

/** Points used so far in the current window, without using one. */
export async function peekLimit(limit: NamedLimit, key: string): Promise<number> {
  const result = await namedLimiter(limit).get(hashKey(key));
  return result?.consumedPoints ?? 0;
}

export async function forgetSignInAttempts(email: string) {
  await getLimiters().email.delete(hashKey(email.toLowerCase()));
}
