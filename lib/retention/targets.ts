// What the retention purge removes, one target per kind of data. The registry's
// categories give the default days where they promise a period; the rest
// (exports, unconfirmed parents' requests, spent links, old sessions) have their
// own defaults here. Admins change the days at /admin/retention (RetentionRule).
// No "server-only": pure data, read by pages and the benchmark alike.
import { findCategory } from "../data/registry";

export type RetentionTarget = {
  key: string;
  title: string;
  /** What goes, in words, for the admin page. */
  description: string;
  /** The registry category whose pages show this period ("kept for N days"). */
  category?: string;
  defaultDays: number;
  /** Rows deleted by time in batches: the table and its indexed time column. */
  table?: { name: string; time: string };
};

const registryDays = (slug: string, fallback: number) => findCategory(slug)?.retentionDays ?? fallback;

export const RETENTION_TARGETS: RetentionTarget[] = [
  {
    key: "server-logs",
    title: "Server logs",
    description: "Web server log records older than the period.",
    category: "server-logs",
    defaultDays: registryDays("server-logs", 180),
    table: { name: "ServerLogRecord", time: "occurredAt" },
  },
  {
    key: "telemetry",
    title: "Telemetry reports",
    description: "Reports sent by installs, older than the period.",
    category: "telemetry",
    defaultDays: registryDays("telemetry", 730),
    table: { name: "TelemetryReport", time: "receivedAt" },
  },
  {
    key: "crash-reports",
    title: "Crash reports",
    description: "Crash reports older than the period.",
    category: "crash-reports",
    defaultDays: registryDays("crash-reports", 365),
    table: { name: "CrashReport", time: "occurredAt" },
  },
  {
    key: "email-events",
    title: "Email events",
    description: "Records of emails sent, opened and clicked, older than the period.",
    category: "email",
    defaultDays: registryDays("email", 730),
    table: { name: "EmailEvent", time: "occurredAt" },
  },
  {
    key: "inferences",
    title: "Inferences",
    description: "Things we guessed about people, older than the period.",
    category: "inferences",
    defaultDays: registryDays("inferences", 365),
    table: { name: "Inference", time: "inferredAt" },
  },
  {
    key: "exports",
    title: "Expired exports",
    description:
      "Finished, expired or failed \u201cdownload my data\u201d exports (row and any file left) once this long past their expiry.",
    defaultDays: 30,
  },
  {
    key: "parent-requests",
    title: "Unconfirmed parents\u2019 requests",
    description: "Parents\u2019 requests whose email address was never confirmed, this long after they were made.",
    defaultDays: 7,
  },
  {
    key: "tokens",
    title: "Spent sign-in and email-change links",
    description: "Sign-in links and email-change confirmations this long past their expiry.",
    defaultDays: 1,
  },
  {
    key: "sessions",
    title: "Old sessions",
    description: "Signed-out or expired sessions this long past their expiry.",
    defaultDays: 30,
  },
];

export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 3650;

export function findRetentionTarget(key: string): RetentionTarget | undefined {
  return RETENTION_TARGETS.find((target) => target.key === key);
}

export const cutoffFor = (asOf: Date, days: number) => new Date(asOf.getTime() - days * 86_400_000);

/** The "kept for" sentence of a registry category, with the period admins set (when a purge enforces one). */
export function retentionText(category: { slug: string; retention: string }, days: number | undefined): string {
  if (days === undefined) return category.retention;
  const period = `kept for ${days} day${days === 1 ? "" : "s"}, then deleted automatically`;
  if (category.slug === "email") return `Subscriptions while your account exists; email events ${period}.`;
  return `${period[0].toUpperCase()}${period.slice(1)}.`;
}
