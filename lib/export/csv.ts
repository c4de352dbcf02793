// CSV for spreadsheets people open: RFC 4180 quoting plus formula
// neutralisation (OWASP "CSV injection"): a cell that starts with = + - @ is
// prefixed with a single quote so it is shown as text, never run as a formula.
// So is a cell starting with anything a spreadsheet may skip or fold before
// evaluating: whitespace (space, tab, CR, LF, no-break and ideographic spaces),
// an invisible character (zero-width space/joiners, word joiner, BOM) and the
// full-width and small forms of = + - @ (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫). Used by the data
// export and the audit-log CSV alike.
import type { ColumnKind } from "../data/registry";

const FORMULA_START = /^[=+\-@\s\u200B-\u200D\u2060\uFEFF\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;
const NEEDS_QUOTES = /[",\r\n]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
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
