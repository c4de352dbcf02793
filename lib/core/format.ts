// The one formatter for dates and numbers people read: pages, the UI kit
// (components/date-time.tsx) and email templates all format through here, so
// changing how a date looks is a change in one place. Pure (no React, no clock):
// relative times take `now` from the caller. Every date is shown in UTC, the
// zone the rules use (deadlines, effective dates) and the one the pages name.
export const DEFAULT_LOCALE = "en-GB";
export const TIME_ZONE = "UTC";

/**
 * The Intl locale for a page's language (lib/core/i18n/config.ts): English pages keep the en-GB
 * formats shown below, and so does the pseudo-locale; de, fr, es format as their own.
 */
export function intlLocale(locale: string | undefined): string {
  if (!locale || locale === "en" || locale === "en-XA") return DEFAULT_LOCALE;
  return locale;
}

/**
 * The named date formats (en-GB, UTC):
 * - `date`            5 Sept 2026                 (tables, lists)
 * - `longDate`        5 September 2026            (sentences, letters, emails)
 * - `dateTime`        5 Sept 2026, 14:05
 * - `dateTimeSeconds` 5 Sept 2026, 14:05:09       (the audit log)
 * - `longDateTime`    5 September 2026 at 14:05
 * - `month`           September 2026
 * - `timestamp`       2026-09-05 14:05 UTC        (records; the same in every browser, so safe in client components)
 * - `timestampSeconds` 2026-09-05 14:05:09 UTC
 * - `isoDay`          2026-09-05                  (date inputs, file names)
 */
export type DateFormat =
  | "date"
  | "longDate"
  | "dateTime"
  | "dateTimeSeconds"
  | "longDateTime"
  | "month"
  | "timestamp"
  | "timestampSeconds"
  | "isoDay";

type IntlFormat = Exclude<DateFormat, "timestamp" | "timestampSeconds" | "isoDay">;

const INTL_OPTIONS: Record<IntlFormat, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  longDate: { dateStyle: "long" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  dateTimeSeconds: { dateStyle: "medium", timeStyle: "medium" },
  longDateTime: { dateStyle: "long", timeStyle: "short" },
  month: { month: "long", year: "numeric" },
};

/** What a missing or unreadable date shows. */
export const NO_DATE = "—";

const formatters = new Map<string, Intl.DateTimeFormat>();

function intlFormatter(format: IntlFormat, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${format}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // eslint-disable-next-line no-restricted-syntax -- this is the one formatter
    formatter = new Intl.DateTimeFormat(locale, { ...INTL_OPTIONS[format], timeZone: TIME_ZONE });
    formatters.set(key, formatter);
  }
  return formatter;
}

export type DateInput = Date | string | number;

/** A Date from a Date, an ISO string or epoch milliseconds; null when it is not a real instant. */
export function toDate(value: DateInput | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function isoParts(date: Date) {
  const year = date.getUTCFullYear();
  return {
    day: `${year < 0 ? "-" : ""}${pad(Math.abs(year), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    minutes: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
    seconds: pad(date.getUTCSeconds()),
  };
}

/** The date (UTC) in one of the named formats; `—` for a missing or invalid date. */
export function formatDate(
  value: DateInput | null | undefined,
  format: DateFormat = "date",
  options: { locale?: string } = {},
): string {
  const date = toDate(value);
  if (!date) return NO_DATE;
  if (format === "isoDay" || format === "timestamp" || format === "timestampSeconds") {
    const parts = isoParts(date);
    if (format === "isoDay") return parts.day;
    return `${parts.day} ${parts.minutes}${format === "timestampSeconds" ? `:${parts.seconds}` : ""} UTC`;
  }
  return intlFormatter(format, intlLocale(options.locale)).format(date);
}

/** `YYYY-MM-DD` of the date in UTC (what `<input type="date">` takes). */
export function isoDay(value: DateInput): string {
  return formatDate(value, "isoDay");
}

/** The machine-readable instant for `<time dateTime>`, or null for an invalid date. */
export function isoInstant(value: DateInput | null | undefined): string | null {
  const date = toDate(value);
  return date ? date.toISOString() : null;
}

/** The months' names, January first (for a birth-month select). */
export function monthNames(locale: string = DEFAULT_LOCALE): string[] {
  // eslint-disable-next-line no-restricted-syntax -- this is the one formatter
  const formatter = new Intl.DateTimeFormat(intlLocale(locale), { month: "long", timeZone: TIME_ZONE });
  return Array.from({ length: 12 }, (_, month) => formatter.format(Date.UTC(2000, month, 1)));
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/** "3 days ago", "in 2 hours", "now": the largest whole unit between `value` and `now`. */
export function formatRelative(
  value: DateInput | null | undefined,
  now: DateInput,
  options: { locale?: string } = {},
): string {
  const date = toDate(value);
  const reference = toDate(now);
  if (!date || !reference) return NO_DATE;
  const difference = date.getTime() - reference.getTime();
  const locale = intlLocale(options.locale);
  let formatter = relativeFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    relativeFormatters.set(locale, formatter);
  }
  for (const [unit, size] of RELATIVE_UNITS) {
    const amount = Math.trunc(difference / size);
    if (amount !== 0) return formatter.format(amount, unit);
  }
  return formatter.format(0, "second");
}

const numberFormatters = new Map<string, Intl.NumberFormat>();

/** A count with thousands separators (1,234,567). */
export function formatNumber(value: number, options: { locale?: string } = {}): string {
  const locale = intlLocale(options.locale);
  let formatter = numberFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale);
    numberFormatters.set(locale, formatter);
  }
  return formatter.format(value);
}

/** A size in B, kB or MB (powers of 1024, one decimal). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
