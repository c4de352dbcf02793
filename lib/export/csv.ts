// CSV for spreadsheets people open: RFC 4180 quoting plus formula
// neutralisation (OWASP "CSV injection"): a cell that starts with = + - @ is
// prefixed with a single quote so it is shown as text, never run as a formula.
// So is a cell starting with anything a spreadsheet may skip or fold before
// evaluating: whitespace (space, tab, CR, LF, no-break and ideographic spaces),
// an invisible character (zero-width space/joiners, word joiner, BOM) and the
// full-width and small forms of = + - @ (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫). Used by the data
// export and the audit-log CSV alike.
import type { ColumnKind } from "../data/registry";

/**
 * Code points a cell may not start with unneutralised: = + - @, whitespace (what
 * JavaScript's \s matches), zero-width space/joiners, word joiner, BOM, and the
 * full-width and small = + - @. One list for this file and its SQL twin (sql.ts).
 */
export const FORMULA_START_CODES: readonly number[] = [
  ...[0x3d, 0x2b, 0x2d, 0x40], // = + - @
  ...[0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000], // whitespace
  ...Array.from({ length: 11 }, (_, index) => 0x2000 + index), // en quad … hair space
  ...[0x200b, 0x200c, 0x200d, 0x2060, 0xfeff], // invisible
  ...[0xff1d, 0xff0b, 0xff0d, 0xff20, 0xfe66, 0xfe62, 0xfe63, 0xfe6b], // full-width and small = + - @
];
const FORMULA_START = new Set(FORMULA_START_CODES);
const NEEDS_QUOTES = /[",\r\n]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function neutraliseCell(value: string): string {
  return value.length > 0 && FORMULA_START.has(value.codePointAt(0)!) ? `'${value}` : value;
}

/** One CSV cell. Numbers from numeric columns stay numbers; everything else is neutralised. */
export function csvCell(value: string | null | undefined, kind: ColumnKind = "text"): string {
  if (value === null || value === undefined) return "";
  const safe = kind === "number" && PLAIN_NUMBER.test(value) ? value : neutraliseCell(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: ReadonlyArray<string | null | undefined>, kinds?: ReadonlyArray<ColumnKind>): string {
  let line = "";
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += ",";
    line += csvCell(values[index], kinds?.[index]);
  }
  return line + "\r\n";
}
