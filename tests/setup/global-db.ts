// Starts one embedded PostgreSQL for the unit tests (or uses TEST_ADMIN_DATABASE_URL).
// Tests create their own databases with createTestDatabase().
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-pg";

let stop: (() => Promise<void>) | undefined;

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminUrl) {
    const cluster = await startEmbeddedPostgres({ dataDir: ".data/pg-unit" });
    adminUrl = cluster.adminUrl();
    stop = cluster.stop;
  }
  project.provide("adminDatabaseUrl", adminUrl);
  return async () => {
    await stop?.();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
