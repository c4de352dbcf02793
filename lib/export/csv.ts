// CSV for spreadsheets people open: RFC 4180 quoting plus formula
// neutralisation (OWASP "CSV injection"): a cell that starts with = + - @ (or
// a tab / carriage return, which some spreadsheets strip before evaluating) is
// prefixed with a single quote so it is shown as text, never run as a formula.
import type { ColumnKind } from "../data/registry";

const FORMULA_START = /^[=+\-@\t\r]/;
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
