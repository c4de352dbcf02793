// Display helpers for "Your data" pages (no data access).
import { SOURCE_LABELS, type DataSourceKind } from "@/lib/data/registry";

export function sourceLabel(source: DataSourceKind): string {
  return SOURCE_LABELS[source];
}
