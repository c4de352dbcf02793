// The one Prisma client (engine-free, through @prisma/adapter-pg) and the pg
// pool it shares with the rate limiter. Cached on globalThis so dev hot reload
// does not open a new pool each time.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "./env";
import { log } from "./log";

type Db = { prisma: PrismaClient; pool: pg.Pool };
const globalForDb = globalThis as unknown as { __portalDb?: Db };

function createDb(): Db {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().DB_POOL_MAX,
    application_name: process.env.PORTAL_PROCESS_NAME ?? "privacy-portal",
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => log.error("idle database connection error", { error }));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

function getDb(): Db {
  globalForDb.__portalDb ??= createDb();
  return globalForDb.__portalDb;
}

/** Lazily created so that importing this module never needs a database (e.g. during `next build`). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb().prisma as unknown as Record<PropertyKey, unknown>;
    const value = client[property];
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

export function getPool(): pg.Pool {
  return getDb().pool;
}

export async function disconnectDb() {
  const db = globalForDb.__portalDb;
  if (!db) return;
  globalForDb.__portalDb = undefined;
  await db.prisma.$disconnect();
  await db.pool.end();
}

export type { PrismaClient };
