// Dates on pages: a <time> element carrying the exact instant, with the words from
// the one formatter (lib/core/format.ts). Server and client components alike; in a
// client component prefer the `timestamp` formats, which read the same in every
// browser (Intl's words may differ between Node's and the browser's ICU).
import { formatDate, formatRelative, isoInstant, NO_DATE, type DateFormat, type DateInput } from "@/lib/core/format";

export function DateTime(props: {
  value: DateInput | null | undefined;
  format?: DateFormat;
  /** Shown (without a <time>) when there is no date. */
  fallback?: string;
  className?: string;
}) {
  const instant = isoInstant(props.value);
  if (!instant) return <>{props.fallback ?? NO_DATE}</>;
  return (
    <time dateTime={instant} className={props.className}>
      {formatDate(props.value, props.format ?? "date")}
    </time>
  );
}

/** "3 days ago", with the exact date as its tooltip; `now` comes from the page (lib/core/clock.ts). */
export function RelativeTime(props: {
  value: DateInput | null | undefined;
  now: DateInput;
  fallback?: string;
  className?: string;
}) {
  const instant = isoInstant(props.value);
  if (!instant) return <>{props.fallback ?? NO_DATE}</>;
  return (
    <time dateTime={instant} title={formatDate(props.value, "dateTime")} className={props.className}>
      {formatRelative(props.value, props.now)}
    </time>
  );
}
