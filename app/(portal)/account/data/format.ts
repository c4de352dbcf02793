// Display helpers for "Your data" pages (no data access).
import { SOURCE_LABELS, type DataSourceKind } from "@/lib/data/registry";

export function formatIso(value: string | null): string {
  if (!value) return "—";
  return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
}

export function formatCount(count: number): string {
  return count.toLocaleString("en");
}

export function sourceLabel(source: DataSourceKind): string {
  return SOURCE_LABELS[source];
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
