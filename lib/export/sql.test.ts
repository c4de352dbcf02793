// The SQL neutralisation used by the export's COPY must match csv.ts's rule exactly.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import { neutraliseCell } from "./csv";
import { neutraliseSql, sqlLiteral } from "./sql";

const corpus = [
  ...[
    "=1+2",
    "+1",
    "-1",
    "-",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
    '=HYPERLINK("x")',
    "plain",
    "",
    "a=b",
    " =x",
    "'=x",
    "ünïcode",
    "1e-5",
    "5",
    "?x",
    ",x",
    '"quoted"',
    "line\nbreak",
    "\\backslash",
  ],
  ...[
    "\n=1",
    "\u00a0=1",
    "\u2003=1",
    "\u3000=1",
    "\u200b=1",
    "\u200d=1",
    "\u2060=1",
    "\ufeff=1",
    "＝1",
    "＋1",
    "－1",
    "＠x",
    "﹦1",
    "﹢1",
    "﹣1",
    "﹫x",
    "\u2212x",
    "é",
  ],
];

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
      const { rows } = await client.query<{ v: string }>(`SELECT ${neutraliseSql("$1::text", { evaluateOnce })} AS v`, [
        value,
      ]);
      expect(rows[0].v, JSON.stringify(value)).toBe(neutraliseCell(value));
    }
  });

  it("keeps NULL as NULL", async () => {
    const { rows } = await client.query(`SELECT ${neutraliseSql("NULL::text")} AS v`);
    expect(rows[0].v).toBeNull();
  });

  it("quotes literals, backslashes and quotes included, with either string setting", async () => {
    for (const value of ["it's", "a\\b", "C:\\new\\'quoted'\\", "\\'; DROP TABLE x; --"]) {
      for (const setting of ["on", "off"]) {
        await client.query(`SET standard_conforming_strings = ${setting}`);
        const { rows } = await client.query(`SELECT ${sqlLiteral(value)} AS v`);
        expect(rows[0].v, `${value} with standard_conforming_strings=${setting}`).toBe(value);
      }
    }
    await client.query("RESET standard_conforming_strings");
    expect(() => sqlLiteral("a\0b")).toThrow();
  });
});
