// The one-pass renderer (rows.ts) must write, byte for byte, what PostgreSQL
// wrote when it rendered the JSON (json_build_array) and the CSV (COPY csv with
// neutralisation) itself (sql.ts), for every value a column can hold.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import type { Dataset } from "../data/registry";
import { JsonLinesToArray, planRendering } from "./build";
import { RowRenderer } from "./rows";
import { csvCopySql, jsonCopySql } from "./sql";

const texts = [
  "=1+2",
  "+1",
  "-1",
  "@SUM(A1)",
  "\tcmd",
  "\rcmd",
  '=HYPERLINK("x","y")',
  "plain",
  "",
  " =x",
  "'=x",
  "ünïcode",
  ",x",
  '"quoted"',
  "line\nbreak",
  "cr\rx",
  "\\backslash",
  "ctrl\u0001\u001f\u007f",
  "\u00a0=1",
  "\u3000=1",
  "\u200b=1",
  "\ufeff=1",
  "＝1",
  "﹫x",
  "😀 four bytes",
  "\\.",
  "a,b",
];

// A dataset over a scratch table with one column of every type the renderer takes.
const dataset: Dataset = {
  key: "odd",
  title: "Odd",
  table: "odd",
  from: `odd t`,
  owner: `t."userId"`,
  id: "t.id",
  idType: "bigint",
  time: `t."at"`,
  timeLabel: "At",
  policy: `t."policyVersionId"`,
  correctable: false,
  columns: [
    { key: "t", label: "T", sql: "t.t", kind: "text" },
    { key: "trusted", label: "Trusted", sql: "t.t", kind: "text", trusted: true },
    { key: "j", label: "J", sql: "t.j", kind: "json" },
    { key: "n", label: "N", sql: "t.n", kind: "number" },
    { key: "f", label: "F", sql: "t.f", kind: "number" },
    { key: "num", label: "Num", sql: "t.num", kind: "number" },
    { key: "b", label: "B", sql: "t.b", kind: "bool" },
    { key: "d", label: "D", sql: "t.d", kind: "date" },
    { key: "ts", label: "Ts", sql: "t.ts", kind: "date" },
    { key: "plain", label: "Plain", sql: "t.at", kind: "date" },
    { key: "e", label: "E", sql: "t.e", kind: "text" },
    { key: "u", label: "U", sql: "t.u", kind: "text" },
    { key: "vc", label: "Vc", sql: "t.vc", kind: "text" },
  ],
};

let pool: pg.Pool;
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase("export_rows"), max: 2 });
  await pool.query(`
    CREATE TYPE odd_kind AS ENUM ('usage', 'crash,report', '=x');
    CREATE TABLE odd (id bigserial PRIMARY KEY, "userId" text NOT NULL, at timestamp(3) NOT NULL, t text, j jsonb,
      n int, f float8, num numeric, b boolean, d date, ts timestamptz, e odd_kind, u uuid, vc varchar(40), "policyVersionId" text)`);
  const jsons = ["-5", '"=x"', '"str"', '{"a": "b,c", "q": "\\"x\\""}', "[1, 2]", "null", "true", "12.50", '" pad"'];
  const floats = ["NaN", "Infinity", "-Infinity", "1e100", "-0", "0.1", "123456789.125"];
  const numerics = ["NaN", "0", "-12.3400", "1e-7", "100000000000000000000"];
  const dates = ["2026-12-07", "infinity", "-infinity", "0044-03-15 BC", "12345-01-01"];
  const stamps = [
    "2026-12-07 14:22:06.074+00",
    "2026-12-07 14:22:06.123456+00",
    "2026-01-01 00:00:00+00",
    "infinity",
    "-infinity",
    "0044-03-15 12:00:00+00 BC",
    "2026-06-01 12:00:00+05:30",
  ];
  const times = [
    "2026-12-07 14:22:06.074",
    "2026-12-07 14:22:06",
    "0044-03-15 12:00:00 BC",
    "infinity",
    "-infinity",
    "12345-06-01 00:00:00.5",
  ];
  const enums = ["usage", "crash,report", "=x"];
  const count = 60;
  for (let row = 0; row < count; row++) {
    const pick = <T>(list: T[], offset = 0) => (row % 11 === 10 ? null : list[(row + offset) % list.length]);
    await pool.query(
      `INSERT INTO odd ("userId", at, t, j, n, f, num, b, d, ts, e, u, vc, "policyVersionId")
       VALUES ('owner', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        times[row % times.length],
        pick(texts),
        pick(jsons, 1),
        row % 11 === 9 ? null : row * 7919 - 200000,
        pick(floats, 2),
        pick(numerics, 3),
        row % 11 === 8 ? null : row % 2 === 0,
        pick(dates, 4),
        pick(stamps, 5),
        pick(enums, 6),
        row % 5 === 0 ? null : `00000000-0000-4000-8000-${String(row).padStart(12, "0")}`,
        pick(texts, 7),
        row % 3 === 0 ? "pv-1" : row % 3 === 1 ? "pv-unknown" : null,
      ],
    );
  }
  await pool.query(`INSERT INTO odd ("userId", at, t) VALUES ('someone-else', now(), 'not theirs')`);
});
afterAll(async () => {
  await pool?.end();
});

const collect = () => {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(Buffer.from(chunk));
      callback();
    },
  });
  return { sink, text: () => Buffer.concat(parts).toString("utf8") };
};

async function inExportTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, MDY'");
    return await work(client);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

describe("RowRenderer", () => {
  it("writes the JSON and the CSV PostgreSQL writes, byte for byte, in one pass", async () => {
    const labels = new Map([["pv-1", 'Privacy "policy", \\ v1']]);
    const subject = { userId: "owner", email: null };
    const { sqlJson, sqlCsv, json, csv, rows } = await inExportTransaction(async (client) => {
      const old = { json: collect(), csv: collect() };
      const shaper = new JsonLinesToArray([
        "id",
        "at",
        ...dataset.columns.map((column) => column.key),
        "policyVersion",
      ]);
      await pipeline(client.query(copyTo(jsonCopySql(dataset, subject, labels))), shaper, old.json.sink);
      await pipeline(client.query(copyTo(csvCopySql(dataset, subject, labels))), old.csv.sink);
      const [plan] = await planRendering(client, [dataset], subject, labels);
      expect(plan).not.toBeNull();
      const json = collect();
      const csv = collect();
      // Tiny chunks: rows and even length prefixes are split across chunk boundaries.
      const copy = client.query(copyTo(plan!.copy));
      const renderer = new RowRenderer(plan!.columns, csv.sink);
      const split = new (await import("node:stream")).Transform({
        transform(chunk: Buffer, _encoding, callback) {
          for (let at = 0; at < chunk.length; at += 7) this.push(chunk.subarray(at, at + 7));
          callback();
        },
      });
      await pipeline(copy, split, renderer, json.sink);
      return {
        sqlJson: old.json.text(),
        sqlCsv: old.csv.text(),
        json: json.text(),
        csv: csv.text(),
        rows: renderer.rows,
      };
    });
    expect(rows).toBe(60);
    expect(sqlCsv.split("\n").length).toBeGreaterThan(60);
    expect(json).toBe(sqlJson);
    expect(csv).toBe(sqlCsv);
    expect(JSON.parse(json).rows).toHaveLength(60);
  });

  it("writes the same empty documents as PostgreSQL when a person has no rows", async () => {
    const subject = { userId: "nobody", email: null };
    const result = await inExportTransaction(async (client) => {
      const old = { json: collect(), csv: collect() };
      const shaper = new JsonLinesToArray([
        "id",
        "at",
        ...dataset.columns.map((column) => column.key),
        "policyVersion",
      ]);
      await pipeline(client.query(copyTo(jsonCopySql(dataset, subject, new Map()))), shaper, old.json.sink);
      await pipeline(client.query(copyTo(csvCopySql(dataset, subject, new Map()))), old.csv.sink);
      const [plan] = await planRendering(client, [dataset], subject, new Map());
      const json = collect();
      const csv = collect();
      await pipeline(client.query(copyTo(plan!.copy)), new RowRenderer(plan!.columns, csv.sink), json.sink);
      return { sqlJson: old.json.text(), sqlCsv: old.csv.text(), json: json.text(), csv: csv.text() };
    });
    expect(result.json).toBe(result.sqlJson);
    expect(result.csv).toBe(result.sqlCsv);
  });

  it("leaves a dataset with a column type it does not know to the SQL forms", async () => {
    const withArray: Dataset = {
      ...dataset,
      columns: [...dataset.columns, { key: "arr", label: "Arr", sql: "ARRAY[t.n]", kind: "text" }],
    };
    const plans = await inExportTransaction((client) =>
      planRendering(client, [dataset, withArray], { userId: "owner", email: null }, new Map()),
    );
    expect(plans[0]).not.toBeNull();
    expect(plans[1]).toBeNull();
  });
});
