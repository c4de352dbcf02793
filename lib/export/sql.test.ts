// The SQL neutralisation used by the export's COPY must match csv.ts's rule exactly.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import { neutraliseCell } from "./csv";
import { neutraliseSql, sqlLiteral } from "./sql";

const corpus = ["=1+2", "+1", "-1", "-", "@SUM(A1)", "\tcmd", "\rcmd", "=HYPERLINK(\"x\")", "plain", "", "a=b", " =x", "'=x", "ünïcode", "1e-5", "\"quoted\"", "line\nbreak", "\\backslash"];

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase("export_sql") });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
});

describe("neutraliseSql", () => {
  it.each([false, true])("matches neutraliseCell for every value (evaluateOnce=%s)", async (evaluateOnce) => {
    for (const value of corpus) {
      const { rows } = await client.query<{ v: string }>(`SELECT ${neutraliseSql("$1::text", { evaluateOnce })} AS v`, [value]);
      expect(rows[0].v, JSON.stringify(value)).toBe(neutraliseCell(value));
    }
  });

  it("keeps NULL as NULL", async () => {
    const { rows } = await client.query(`SELECT ${neutraliseSql("NULL::text")} AS v`);
    expect(rows[0].v).toBeNull();
  });

  it("quotes literals and refuses backslashes", async () => {
    const { rows } = await client.query(`SELECT ${sqlLiteral("it's")} AS v`);
    expect(rows[0].v).toBe("it's");
    expect(() => sqlLiteral("a\\b")).toThrow();
  });
});
