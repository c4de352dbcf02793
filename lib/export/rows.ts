// One pass per dataset: PostgreSQL sends each row once, as plain column text in
// COPY's binary framing (no parsing of quotes or escapes), and this file writes
// both of the archive's forms of it: the JSON line PostgreSQL's
// json_build_array would have written and the CSV line its COPY (FORMAT csv)
// would have written, with csv.ts's formula neutralisation. Rendering both in
// SQL made PostgreSQL evaluate every row twice and was most of the export's
// time (profiled at 10^6 rows). lib/export/rows.test.ts checks, value by value,
// that the output is byte for byte what the SQL forms (sql.ts) produce.
import "server-only";
import { Transform, type TransformCallback, type Writable } from "node:stream";
import { once } from "node:events";
import type { Column } from "../data/registry";
import { FORMULA_START_CODES } from "./csv";

/** A column's PostgreSQL type, as far as its JSON form depends on it. */
export type JsonType = "string" | "number" | "bool" | "jsonb" | "date" | "timestamp" | "timestamptz";

const TYPES_BY_OID: Record<number, JsonType> = {
  16: "bool",
  20: "number",
  21: "number",
  23: "number",
  26: "number",
  700: "number",
  701: "number",
  1700: "number",
  3802: "jsonb",
  1082: "date",
  1114: "timestamp",
  1184: "timestamptz",
  19: "string",
  25: "string",
  1042: "string",
  1043: "string",
  2950: "string",
};

/**
 * The JSON type of a column from its type oid (enums are strings), or null when
 * this renderer does not know how json_build_array writes it (the export then
 * renders that dataset in SQL, as before).
 */
export function jsonTypeOf(oid: number, isEnum: boolean): JsonType | null {
  return TYPES_BY_OID[oid] ?? (isEnum ? "string" : null);
}

/** What PostgreSQL's JSON lexer accepts as a number (IsValidJsonNumber); anything else is quoted. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** The zone of ISO timestamptz text: +hh, +hh:mm or +hh:mm:ss, before an optional " BC". */
const ZONE = /([+-]\d\d)(:\d\d)?(:\d\d)?( BC)?$/;

/** ISO text (DateStyle ISO) to the XSD form json_build_array writes: "T" between date and time, a zone with minutes. */
function xsdDateTime(text: string, withZone: boolean): string {
  const space = text.indexOf(" ");
  if (space < 0) return text; // infinity, -infinity
  const joined = `${text.slice(0, space)}T${text.slice(space + 1)}`;
  if (!withZone) return joined;
  return joined.replace(ZONE, (_all, hours: string, minutes?: string, seconds?: string, era?: string) =>
    seconds ? `${hours}${minutes}${seconds}${era ?? ""}` : `${hours}${minutes ?? ":00"}${era ?? ""}`,
  );
}

export function jsonValue(type: JsonType, text: string): string {
  switch (type) {
    case "string":
      return JSON.stringify(text);
    case "number":
      return JSON_NUMBER.test(text) ? text : JSON.stringify(text);
    case "bool":
      // boolean::text is "true"/"false" (COPY writes the output function's "t"/"f": csvText()).
      return text === "true" || text === "t" ? "true" : "false";
    case "jsonb":
      return text;
    case "date":
      return `"${text}"`;
    case "timestamp":
      return `"${xsdDateTime(text, false)}"`;
    case "timestamptz":
      return `"${xsdDateTime(text, true)}"`;
  }
}

/** The text COPY writes for a value whose ::text cast differs from its output function (boolean). */
export function csvText(type: JsonType, text: string): string {
  if (type !== "bool") return text;
  return text === "true" ? "t" : text === "false" ? "f" : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** A non-null cell as COPY (FORMAT csv) writes it: quoted when empty or holding a comma, quote or line break. */
export function copyCsvCell(text: string): string {
  if (text.length === 0) return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** How one output column is written: its JSON type, and whether its CSV cell is neutralised. */
export type RenderColumn = {
  key: string;
  type: JsonType;
  neutralise: "text" | "json" | null;
  labels?: Map<string, string>;
};

export function renderColumn(column: Column, type: JsonType, policyLabels?: Map<string, string>): RenderColumn {
  const neutralise = column.trusted ? null : column.kind === "text" ? "text" : column.kind === "json" ? "json" : null;
  return {
    key: column.key,
    type,
    neutralise,
    ...(column.key === "policyVersion" && policyLabels?.size ? { labels: policyLabels } : {}),
  };
}

/** The CSV header line COPY writes for these column names. */
export function csvHeader(columns: readonly RenderColumn[]): string {
  return columns.map((column) => copyCsvCell(column.key)).join(",") + "\n";
}

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

// Per byte: 1 when JSON must escape it (a control character, " or \), 2 when a CSV
// cell holding it is quoted (a comma, " or a line break).
const JSON_ESCAPE = 1;
const CSV_QUOTE = 2;
const BYTE_FLAGS = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte++) BYTE_FLAGS[byte] = JSON_ESCAPE;
BYTE_FLAGS[0x22] = JSON_ESCAPE | CSV_QUOTE;
BYTE_FLAGS[0x5c] = JSON_ESCAPE;
BYTE_FLAGS[0x2c] |= CSV_QUOTE;
BYTE_FLAGS[0x0a] |= CSV_QUOTE;
BYTE_FLAGS[0x0d] |= CSV_QUOTE;
const FORMULA_START = new Set(FORMULA_START_CODES);
const QUOTE = 0x22;

/** A growing output buffer: bytes are copied in, never turned into strings. */
class ByteWriter {
  buffer: Buffer;
  length = 0;
  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }
  reserve(bytes: number) {
    if (this.length + bytes <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }
  byte(value: number) {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }
  bytes(source: Buffer, start: number, end: number) {
    const size = end - start;
    this.reserve(size);
    if (size > 64) {
      source.copy(this.buffer, this.length, start, end);
      this.length += size;
      return;
    }
    // A loop beats Buffer#copy's per-call cost for the short values most cells hold.
    const target = this.buffer;
    let at = this.length;
    for (let index = start; index < end; index++) target[at++] = source[index];
    this.length = at;
  }
  text(value: string) {
    this.reserve(value.length * 3);
    this.length += this.buffer.write(value, this.length);
  }
  take(): Buffer {
    const out = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.length = 0;
    return out;
  }
}

/** The first code point of UTF-8 bytes (csv.ts's neutraliseCell looks at it). */
function firstCodePoint(source: Buffer, start: number, end: number): number {
  const lead = source[start];
  if (lead < 0x80 || start + 1 >= end) return lead;
  if (lead < 0xe0) return ((lead & 0x1f) << 6) | (source[start + 1] & 0x3f);
  if (lead < 0xf0 || start + 3 >= end)
    return ((lead & 0x0f) << 12) | ((source[start + 1] & 0x3f) << 6) | (source[start + 2] & 0x3f);
  return (
    ((lead & 0x07) << 18) |
    ((source[start + 1] & 0x3f) << 12) |
    ((source[start + 2] & 0x3f) << 6) |
    (source[start + 3] & 0x3f)
  );
}

/** A CSV cell from bytes: neutralised (a leading ') when asked, quoted like COPY. */
function writeCsvCell(out: ByteWriter, source: Buffer, start: number, end: number, flags: number, neutralise: boolean) {
  if (start === end) {
    out.byte(QUOTE);
    out.byte(QUOTE);
    return;
  }
  const quoted = (flags & CSV_QUOTE) !== 0;
  if (quoted) out.byte(QUOTE);
  if (neutralise) out.byte(0x27);
  if (quoted) {
    out.reserve((end - start) * 2);
    let from = start;
    for (let index = start; index < end; index++) {
      if (source[index] === QUOTE) {
        out.bytes(source, from, index + 1);
        from = index; // the quote is written again: doubled
      }
    }
    out.bytes(source, from, end);
    out.byte(QUOTE);
  } else out.bytes(source, start, end);
}

const TRUE = Buffer.from("true");
const FALSE = Buffer.from("false");
const NULL = Buffer.from("null");
const ZONE_MINUTES = Buffer.from(":00");

/**
 * Reads COPY (FORMAT binary) of text columns and writes each row twice: into
 * the JSON document (pushed; `{"columns":[...],"rows":[` then `[...]` lines
 * joined by "\n,", exactly as sql.ts's JSON COPY through JsonLinesToArray) and
 * into the CSV file (written to `csv`, header first, honouring its
 * back-pressure). Works on bytes: a value becomes a string only in the rare
 * cases that need escaping or an unusual date. Counts rows.
 */
export class RowRenderer extends Transform {
  rows = 0;
  private tail: Buffer | null = null;
  private headerRead = false;
  private ended = false;
  private readonly count: number;
  private readonly head: string;
  private readonly json = new ByteWriter(1 << 20);
  private readonly csvOut = new ByteWriter(1 << 20);
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly labels: (Map<string, { json: Buffer; csv: Buffer }> | null)[];

  constructor(
    private readonly columns: readonly RenderColumn[],
    private readonly csv: Writable,
    private readonly onRows?: (rows: number) => void,
  ) {
    super();
    this.count = columns.length;
    this.starts = new Int32Array(this.count);
    this.ends = new Int32Array(this.count);
    this.labels = columns.map((column) =>
      column.labels
        ? new Map(
            [...column.labels].map(([id, label]) => [
              id,
              { json: Buffer.from(jsonValue(column.type, label)), csv: Buffer.from(copyCsvCell(label)) },
            ]),
          )
        : null,
    );
    this.head = `{"columns":${JSON.stringify(columns.map((column) => column.key))},"rows":[`;
    csv.write(csvHeader(columns));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    const buffer = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = null;
    let position = 0;
    if (!this.headerRead) {
      if (buffer.length < 19) {
        this.tail = buffer;
        return callback();
      }
      if (!buffer.subarray(0, 11).equals(SIGNATURE)) return callback(new Error("not COPY binary output"));
      const extension = buffer.readInt32BE(15);
      if (buffer.length < 19 + extension) {
        this.tail = buffer;
        return callback();
      }
      position = 19 + extension;
      this.headerRead = true;
    }
    const { count, starts, ends } = this;
    const length = buffer.length;
    for (;;) {
      if (this.ended || position + 2 > length) break;
      const fields = buffer.readInt16BE(position);
      if (fields === -1) {
        this.ended = true;
        position += 2;
        break;
      }
      if (fields !== count) return callback(new Error(`COPY row has ${fields} fields, expected ${count}`));
      let at = position + 2;
      let complete = true;
      for (let index = 0; index < count; index++) {
        if (at + 4 > length) {
          complete = false;
          break;
        }
        const size = buffer.readInt32BE(at);
        at += 4;
        if (size < 0) {
          starts[index] = -1;
          continue;
        }
        if (at + size > length) {
          complete = false;
          break;
        }
        starts[index] = at;
        ends[index] = at + size;
        at += size;
      }
      if (!complete) break;
      position = at;
      this.writeRow(buffer);
      this.rows++;
    }
    if (position < length) this.tail = buffer.subarray(position);
    this.onRows?.(this.rows);
    if (this.json.length > 0) this.push(this.json.take());
    if (this.csvOut.length > 0 && !this.csv.write(this.csvOut.take())) {
      once(this.csv, "drain").then(() => callback(), callback);
      return;
    }
    callback();
  }

  private writeRow(source: Buffer) {
    const { json, csvOut, columns, count, starts, ends } = this;
    if (this.rows === 0) {
      json.text(this.head);
      json.byte(0x0a);
    } else json.byte(0x2c);
    json.byte(0x5b);
    for (let index = 0; index < count; index++) {
      if (index > 0) {
        json.byte(0x2c);
        json.byte(0x20);
        csvOut.byte(0x2c);
      }
      const start = starts[index];
      if (start < 0) {
        json.bytes(NULL, 0, 4);
        continue;
      }
      const end = ends[index];
      const column = columns[index];
      const labels = this.labels[index];
      if (labels) {
        const label = this.labelOf(index, labels, source, start, end);
        if (label) {
          json.bytes(label.json, 0, label.json.length);
          csvOut.bytes(label.csv, 0, label.csv.length);
          continue;
        }
      }
      let flags = 0;
      if (column.type === "string") {
        // Copied into the JSON as it is scanned; rewritten through JSON.stringify when it needs escapes.
        json.reserve(end - start + 2);
        const target = json.buffer;
        let at = json.length;
        target[at++] = QUOTE;
        for (let index = start; index < end; index++) {
          const byte = source[index];
          flags |= BYTE_FLAGS[byte];
          target[at++] = byte;
        }
        target[at++] = QUOTE;
        if (flags & JSON_ESCAPE) json.text(JSON.stringify(source.toString("utf8", start, end)));
        else json.length = at;
      } else if (column.neutralise !== null || column.type === "jsonb")
        for (let at = start; at < end; at++) flags |= BYTE_FLAGS[source[at]];
      switch (column.type) {
        case "string":
          break;
        case "bool": {
          const isTrue = source[start] === 0x74; // "true"
          json.bytes(isTrue ? TRUE : FALSE, 0, isTrue ? 4 : 5);
          csvOut.byte(isTrue ? 0x74 : 0x66); // t / f, as COPY writes a boolean
          continue;
        }
        case "jsonb":
          json.bytes(source, start, end);
          break;
        case "timestamp":
        case "timestamptz":
          this.writeDateTime(source, start, end, column.type);
          break;
        default:
          json.text(jsonValue(column.type, source.toString("utf8", start, end)));
      }
      const neutralise =
        column.neutralise !== null &&
        end > start &&
        !(column.neutralise === "json" && (source[start] === 0x7b || source[start] === 0x5b)) &&
        FORMULA_START.has(firstCodePoint(source, start, end));
      writeCsvCell(csvOut, source, start, end, flags, neutralise);
    }
    json.byte(0x5d);
    json.byte(0x0a);
    csvOut.byte(0x0a);
  }

  private lastLabel: { column: number; key: Buffer; label: { json: Buffer; csv: Buffer } | undefined } | null = null;

  /** The label of a policy id; consecutive rows mostly share one, so the last is kept by its bytes. */
  private labelOf(
    column: number,
    labels: Map<string, { json: Buffer; csv: Buffer }>,
    source: Buffer,
    start: number,
    end: number,
  ) {
    const last = this.lastLabel;
    if (last && last.column === column && last.key.length === end - start) {
      let same = true;
      for (let index = 0; index < last.key.length; index++)
        if (last.key[index] !== source[start + index]) {
          same = false;
          break;
        }
      if (same) return last.label;
    }
    const key = Buffer.from(source.subarray(start, end));
    const label = labels.get(key.toString("utf8"));
    this.lastLabel = { column, key, label };
    return label;
  }

  /** ISO "2026-12-07 14:22:06.074+00" as JSON's "2026-12-07T14:22:06.074+00:00" (other shapes via jsonValue). */
  private writeDateTime(source: Buffer, start: number, end: number, type: "timestamp" | "timestamptz") {
    const json = this.json;
    const space = source.indexOf(0x20, start);
    const zoneHoursOnly =
      end - start >= 3 &&
      (source[end - 3] === 0x2b || source[end - 3] === 0x2d) &&
      source[end - 2] >= 0x30 &&
      source[end - 2] <= 0x39 &&
      source[end - 1] >= 0x30 &&
      source[end - 1] <= 0x39;
    const last = end - 1;
    const simple =
      space > start &&
      space < end &&
      (type === "timestamptz" ? zoneHoursOnly : source[last] >= 0x30 && source[last] <= 0x39);
    if (!simple) {
      json.text(jsonValue(type, source.toString("utf8", start, end)));
      return;
    }
    json.byte(QUOTE);
    json.bytes(source, start, space);
    json.byte(0x54); // T
    json.bytes(source, space + 1, end);
    if (type === "timestamptz") json.bytes(ZONE_MINUTES, 0, 3);
    json.byte(QUOTE);
  }

  override _flush(callback: TransformCallback) {
    if (!this.ended || this.tail) return callback(new Error("COPY binary output ended early"));
    callback(null, this.rows > 0 ? "]}\n" : `${this.head}]}\n`);
  }
}
