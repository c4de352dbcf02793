// Searches every text, varchar, json and text-array column of every table in a
// database (all schemas, the job queue's included) for any of the given values,
// case-insensitively and as whole tokens (203.0.113.7 does not match inside
// 203.0.113.75, nor alice@example.com inside malice@example.com). Used to prove
// that an erasure left no trace.
import type pg from "pg";

export type Trace = { table: string; column: string; needle: string; rows: number };

export async function findTraces(
  client: Pick<pg.Client, "query">,
  needles: string[],
  options: { skipTables?: string[] } = {},
): Promise<Trace[]> {
  const skip = new Set(options.skipTables ?? []);
  const { rows: columns } = await client.query<{ schema: string; table: string; column: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))`,
  );
  const wanted = needles.filter(Boolean);
  // Not preceded by a character that could continue the token; not followed by one (a full stop
  // that ends a sentence is fine, one that continues an address or a number is not).
  const patterns = wanted.map(
    (needle) => `(?<![a-z0-9.@_+-])${needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![a-z0-9@_+-]|\\.[a-z0-9])`,
  );
  if (wanted.length === 0) return [];
  // One alternation first: PostgreSQL caches only a few compiled expressions, so matching
  // every row against hundreds of separate patterns recompiles them all the time. Only a
  // column with a hit is searched needle by needle, to say which needle it holds.
  const any = `(?<![a-z0-9.@_+-])(?:${wanted.map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![a-z0-9@_+-]|\\.[a-z0-9])`;
  const traces: Trace[] = [];
  for (const { schema, table, column } of columns) {
    if (skip.has(table)) continue;
    const { rows: hit } = await client.query(
      `SELECT 1 FROM "${schema}"."${table}" t WHERE t."${column}"::text ~* $1 LIMIT 1`,
      [any],
    );
    if (hit.length === 0) continue;
    const { rows } = await client.query<{ needle: string; n: string }>(
      `SELECT p AS needle, count(*) AS n FROM "${schema}"."${table}" t, unnest($1::text[]) p WHERE t."${column}"::text ~* p GROUP BY p`,
      [patterns],
    );
    for (const row of rows)
      traces.push({
        table: `${schema}.${table}`,
        column,
        needle: wanted[patterns.indexOf(row.needle)],
        rows: Number(row.n),
      });
  }
  return traces;
}
