// The export's JSON files hold {"columns": [...], "rows": [[...], ...]}: one
// array of values per record. This turns a file back into one object per record.
export type ExportJson = { columns: string[]; rows: unknown[][] };

export function readExportJson(text: string): Record<string, unknown>[] {
  const parsed = JSON.parse(text) as ExportJson;
  return parsed.rows.map((row) => Object.fromEntries(parsed.columns.map((column, index) => [column, row[index]])));
}
