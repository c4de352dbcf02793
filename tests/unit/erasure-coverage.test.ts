// Fails when a table that refers to a person (a foreign key to "User", or a
// column holding a user id), or holds an email address or an IP address, is
// neither erased (lib/erasure/plan.ts ERASURE_PLAN) nor on the commented KEPT
// list. Reads the catalog of a database built by the migrations, so it sees
// every table, whether or not prisma/schema.prisma declares it.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { ERASURE_PLAN, KEPT } from "../../lib/erasure/plan";
import { createTestDatabase } from "../setup/test-database";

type Catalog = {
  /** table -> its columns */
  columns: Map<string, string[]>;
  /** table -> its foreign keys to "User" (column and ON DELETE rule) */
  userKeys: Map<string, { column: string; onDelete: string }[]>;
  /** table -> its foreign keys to "PrivacyRequest": rows about whoever the request is about */
  requestKeys: Map<string, { column: string; onDelete: string }[]>;
};

async function readCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string }>(`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, ordinal_position`);
    const keys = await client.query<{ table_name: string; column_name: string; delete_rule: string; target: string }>(`
      SELECT kcu.table_name, kcu.column_name, rc.delete_rule, target.table_name AS target
        FROM information_schema.referential_constraints rc
        JOIN information_schema.key_column_usage kcu
          ON kcu.constraint_schema = rc.constraint_schema AND kcu.constraint_name = rc.constraint_name
        JOIN information_schema.table_constraints target
          ON target.constraint_schema = rc.unique_constraint_schema AND target.constraint_name = rc.unique_constraint_name
       WHERE rc.constraint_schema = 'public' AND target.table_name IN ('User', 'PrivacyRequest')`);
    const catalog: Catalog = { columns: new Map(), userKeys: new Map(), requestKeys: new Map() };
    for (const row of columns.rows)
      catalog.columns.set(row.table_name, [...(catalog.columns.get(row.table_name) ?? []), row.column_name]);
    for (const row of keys.rows) {
      const map = row.target === "User" ? catalog.userKeys : catalog.requestKeys;
      map.set(row.table_name, [
        ...(map.get(row.table_name) ?? []),
        { column: row.column_name, onDelete: row.delete_rule },
      ]);
    }
    return catalog;
  } finally {
    await client.end();
  }
}

/** Column names that hold a person's address, IP, or id (under any of the names this schema uses). */
const PERSONAL_COLUMN = /email|identifiers?$|^ip$|Ip$|^userId$|actorId$|ById$/i;

/** Why each table refers to people: its personal columns and foreign keys to "User"; empty when it does not. */
function personalReasons(catalog: Catalog, table: string): string[] {
  const reasons = new Set((catalog.columns.get(table) ?? []).filter((column) => PERSONAL_COLUMN.test(column)));
  for (const key of catalog.userKeys.get(table) ?? []) reasons.add(`${key.column} -> User`);
  // Verification tokens, matches and agents' uploads belong to a request, and so to its person.
  for (const key of catalog.requestKeys.get(table) ?? []) reasons.add(`${key.column} -> PrivacyRequest`);
  if (table === "User") reasons.add("the account itself");
  return [...reasons];
}

/** Tables holding personal data that are in neither list, with the reason each was flagged. */
function uncoveredTables(catalog: Catalog): string[] {
  return [...catalog.columns.keys()]
    .filter((table) => !(table in ERASURE_PLAN) && !(table in KEPT))
    .map((table) => ({ table, reasons: personalReasons(catalog, table) }))
    .filter(({ reasons }) => reasons.length > 0)
    .map(({ table, reasons }) => `${table} (${reasons.join(", ")})`);
}

describe("erasure coverage", () => {
  let url: string;
  let catalog: Catalog;

  beforeAll(async () => {
    url = await createTestDatabase("erasure_coverage", { migrate: true });
    catalog = await readCatalog(url);
  });

  it("covers or explicitly keeps every table that holds personal data", () => {
    expect(catalog.columns.size).toBeGreaterThan(30);
    expect(
      uncoveredTables(catalog),
      "add these tables to ERASURE_PLAN or, with a reason, to KEPT in lib/erasure/plan.ts",
    ).toEqual([]);
  });

  it("reports a new table with an email column, or a foreign key to User, that is in neither list", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE TABLE "NewsletterSignup" (id TEXT PRIMARY KEY, email TEXT NOT NULL)`);
      await client.query(
        `CREATE TABLE "Bookmark" (id TEXT PRIMARY KEY, owner TEXT NOT NULL REFERENCES "User"(id) ON DELETE CASCADE)`,
      );
      await client.query(`CREATE TABLE "Setting" (id TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    } finally {
      await client.end();
    }
    expect(uncoveredTables(await readCatalog(url))).toEqual(["Bookmark (owner -> User)", "NewsletterSignup (email)"]);
  });

  it("names only tables that exist, each once, with a reason for every kept one", () => {
    for (const name of [...Object.keys(ERASURE_PLAN), ...Object.keys(KEPT)])
      expect(catalog.columns.has(name), name).toBe(true);
    expect(Object.keys(ERASURE_PLAN).filter((name) => name in KEPT)).toEqual([]);
    for (const [name, reason] of Object.entries(KEPT)) expect(reason.length, name).toBeGreaterThan(30);
  });

  it("places the DRP agent tables explicitly, none holding a consumer's identity claims", () => {
    // Agents' tables name agents, not consumers: the claims an agent sends (name, email, phone,
    // address) go to the privacy request, which erasure scrubs; none may land in these tables.
    const agentTables = [...catalog.columns.keys()].filter((name) => name.startsWith("Agent"));
    expect(agentTables).toEqual(expect.arrayContaining(["Agent", "AgentToken", "AgentRequest", "AgentCall"]));
    for (const name of agentTables) {
      expect(name in ERASURE_PLAN || name in KEPT, name).toBe(true);
      if (name === "AgentPermissionUpload") continue; // a human agent's upload, erased with its request
      const claims = (catalog.columns.get(name) ?? []).filter((column) =>
        /email|phone|address|name$|claims|^ip$|userId/i.test(column),
      );
      expect(claims, name).toEqual(name === "Agent" ? ["name"] : []);
    }
  });

  it("erases through the account row every table whose rows belong to an account", () => {
    // "cascade" relies on a foreign key to User with ON DELETE CASCADE; the engine's batched
    // tables are the large ones and must also be owned by a user id column.
    for (const [name, rule] of Object.entries(ERASURE_PLAN)) {
      if (rule.how === "batched") expect(catalog.columns.get(name), name).toContain(rule.owner);
      if (rule.how === "cascade" && name !== "User")
        expect(
          catalog.userKeys.get(name)?.map((key) => key.onDelete),
          name,
        ).toContain("CASCADE");
      // "with-request" rows go when their request is deleted (and erasure deletes them for the person's requests).
      if (rule.how === "with-request")
        expect(
          catalog.requestKeys.get(name)?.map((key) => key.onDelete),
          name,
        ).toContain("CASCADE");
      // "by-email" rows are found by an address column.
      if (rule.how === "by-email" && name !== "rate_limits")
        expect(
          catalog.columns.get(name)?.some((column) => /email|identifier/i.test(column)),
          name,
        ).toBe(true);
    }
  });

  it("reports a new table that belongs to a privacy request and is in neither list", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `CREATE TABLE "RequestNote" (id TEXT PRIMARY KEY, "requestId" TEXT NOT NULL REFERENCES "PrivacyRequest"(id) ON DELETE CASCADE)`,
      );
    } finally {
      await client.end();
    }
    expect(uncoveredTables(await readCatalog(url))).toContain("RequestNote (requestId -> PrivacyRequest)");
  });
});
