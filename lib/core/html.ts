// Escaping for HTML built as strings (the export's summary page, personalised
// parts of pre-rendered emails). React escapes everything else.
const escapeMap: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => escapeMap[character]);
}
