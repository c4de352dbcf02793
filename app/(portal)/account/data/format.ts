// Display helpers for "Your data" pages (no data access): the registry says what a stored
// value is; these give it the words people read (exports keep the stored values).
import { statusLabel } from "@/components/requests/status";
import { SOURCE_LABELS, type Column, type DataSourceKind, type Dataset, type ValueDisplay } from "@/lib/data/registry";
import { emailCategoryInfo, describeSubject, sourceLabels } from "@/lib/preferences/labels";
import { REQUEST_TYPE_INFO, type RequestTypeName } from "@/lib/requests/catalog";
import { LAW_RULES, type Law } from "@/lib/requests/deadlines";
import { requestReference } from "@/lib/requests/transitions";
import type { EmailCategoryName } from "@/lib/email/unsubscribe";

export function sourceLabel(source: DataSourceKind): string {
  return SOURCE_LABELS[source];
}

/** A 0..1 confidence in words, with the percentage. */
export function likelihood(value: string): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  const percent = Math.round(Math.min(Math.max(number, 0), 1) * 100);
  const words = percent >= 90 ? "Very likely" : percent >= 70 ? "Likely" : percent >= 50 ? "Possibly" : "Unsure";
  return `${words} (${percent}%)`;
}

const DISPLAY: Record<ValueDisplay, (value: string) => string> = {
  likelihood,
  "email-list": (value) => emailCategoryInfo[value as EmailCategoryName]?.label ?? value,
  "consent-subject": describeSubject,
  "consent-source": (value) => sourceLabels[value] ?? value,
  "request-type": (value) => REQUEST_TYPE_INFO[value as RequestTypeName]?.label ?? value,
  "request-status": statusLabel,
  "request-law": (value) => LAW_RULES[value as Law]?.label ?? value,
  "request-reference": requestReference,
};

/** A stored text, number or yes/no value in people's words (dates and JSON are rendered by the page). */
export function displayValue(column: Column, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (column.values?.[value]) return column.values[value];
  if (column.display) return DISPLAY[column.display](value);
  if (column.kind === "bool") return value === "true" ? "Yes" : value === "false" ? "No" : value;
  return value;
}

/** The table's columns: the dataset's merged ones, or one per column shown in the portal. */
export function tableColumnsOf(
  dataset: Dataset,
  shown: Column[],
): { label: string; columns: Column[]; separator: string }[] {
  const byKey = new Map(shown.map((column) => [column.key, column]));
  if (!dataset.tableColumns)
    return shown.map((column) => ({ label: column.label, columns: [column], separator: " · " }));
  const used = new Set(dataset.tableColumns.flatMap((group) => group.keys));
  return [
    ...dataset.tableColumns.map((group) => ({
      label: group.label,
      columns: group.keys.map((key) => byKey.get(key)).filter((column): column is Column => Boolean(column)),
      separator: group.separator ?? " · ",
    })),
    // Columns the dataset did not group keep a column of their own.
    ...shown
      .filter((column) => !used.has(column.key))
      .map((column) => ({ label: column.label, columns: [column], separator: " · " })),
  ];
}

/** Where a row of a dataset opens, when it has a page of its own (a privacy request has). */
export function rowLinkOf(dataset: Dataset): { label: string; href: (id: string) => string } | undefined {
  if (dataset.key === "privacy-requests")
    return { label: "Open", href: (id) => `/account/requests/${encodeURIComponent(id)}` };
  return undefined;
}
