// zod pieces for HTML form fields, used by action schemas: a checkbox is
// present ("on") or absent, and a repeated field arrives as an array.
import { z } from "zod";

/** A checkbox: "on"/"true" (or true) is checked; absent is unchecked. */
export const checkbox = () =>
  z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** An id from a hidden field. */
export const id = (max = 64) => z.string().trim().min(1).max(max);

/** A field that may be sent once or several times (checkbox groups, multi-selects). */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );

/** Optional free text: trimmed, "" becomes null. */
export const optionalText = (max: number, message?: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : null));

/**
 * Control characters no form field may carry (NUL, which PostgreSQL refuses in
 * text, and the other C0 controls and DEL); tab, line feed and carriage return are
 * ordinary text in a textarea.
 */
export const FORM_CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The fields of a read form (see readForm) whose text carries a character no field may carry. */
export function fieldsWithControlCharacters(raw: Record<string, unknown>): string[] {
  const bad = (value: unknown): boolean =>
    typeof value === "string" ? FORM_CONTROL_CHARACTERS.test(value) : Array.isArray(value) && value.some(bad);
  return Object.keys(raw).filter((key) => bad(raw[key]) || FORM_CONTROL_CHARACTERS.test(key));
}

/** Dates people enter are calendar days within these years (JavaScript and PostgreSQL agree on them). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
export const DAY_MESSAGE = `Enter a real date between ${MIN_YEAR} and ${MAX_YEAR}, like 2026-11-20.`;

/** "YYYY-MM-DD" as midnight UTC, or null when it is not a real day between MIN_YEAR and MAX_YEAR (2024-02-30, 0000-00-00, 275760-09-13). */
export function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, dayOfMonth] = match.slice(1).map(Number);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth
    ? date
    : null;
}

/** A calendar day as text ("YYYY-MM-DD", trimmed), validated by parseDay. */
export const isoDay = (message = DAY_MESSAGE) =>
  z
    .string()
    .trim()
    .refine((value) => parseDay(value) !== null, message);

const blankToUndefined = (value: unknown) =>
  value === "" || value === undefined || value === null ? undefined : value;

/** A required date field (`<input type="date">`) as a Date at midnight UTC; `missing` when left empty. */
export const day = (missing: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ message: missing })
      .pipe(isoDay())
      .transform((value) => parseDay(value)!),
  );

/** An optional date field as a Date at midnight UTC; empty is undefined. */
export const optionalDay = () =>
  z.preprocess(
    blankToUndefined,
    isoDay()
      .transform((value) => parseDay(value)!)
      .optional(),
  );
