import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase } from "../../scripts/lib/embedded-pg";
import { migrateDatabase } from "../../lib/core/migrate";

/** A fresh, empty database (optionally migrated) for one test file. */
export async function createTestDatabase(prefix: string, options: { migrate?: boolean } = {}): Promise<string> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await createDatabase(adminUrl, name, { reset: true });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (options.migrate) await migrateDatabase(url.toString());
  return url.toString();
}
