// One IngestStore per process (Next.js server or the lean ingestion server).
import "server-only";
import { getPool } from "../core/db";
import { env } from "../core/env";
import { IngestStore } from "./store";

const globalForIngest = globalThis as unknown as { __portalIngest?: IngestStore };

export function getIngestStore(): IngestStore {
  if (!globalForIngest.__portalIngest) {
    const config = env();
    globalForIngest.__portalIngest = new IngestStore({
      pool: getPool(),
      maxBytes: config.TELEMETRY_MAX_BYTES,
      ratePerMinute: config.TELEMETRY_RATE_LIMIT_PER_MINUTE,
      batchSize: config.TELEMETRY_BATCH_SIZE,
      concurrency: config.TELEMETRY_WRITES_IN_FLIGHT,
      cacheSeconds: config.TELEMETRY_AUTH_CACHE_SECONDS,
      listenUrl: config.DATABASE_LISTEN_URL ?? config.DATABASE_URL,
    });
  }
  return globalForIngest.__portalIngest;
}

/** The process's store if one was made (shutdown drains it; never creates one). */
export function existingIngestStore(): IngestStore | undefined {
  return globalForIngest.__portalIngest;
}
