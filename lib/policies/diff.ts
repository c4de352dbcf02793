// Word-level diff between two Markdown sources (the `diff` package), as parts
// the UI renders inline with <ins>/<del>.
import { diffWordsWithSpace } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

export function diffPolicyText(before: string, after: string): { parts: DiffPart[]; added: number; removed: number } {
  // Seeded and pasted texts may carry CRLF; a lone CR would show as an extra line break.
  const normalise = (text: string) => text.replace(/\r\n?/g, "\n");
  const changes = diffWordsWithSpace(normalise(before), normalise(after));
  let added = 0;
  let removed = 0;
  const parts = changes.map((change): DiffPart => {
    const words = change.value.trim() ? change.value.trim().split(/\s+/).length : 0;
    if (change.added) {
      added += words;
      return { kind: "added", text: change.value };
    }
    if (change.removed) {
      removed += words;
      return { kind: "removed", text: change.value };
    }
    return { kind: "same", text: change.value };
  });
  return { parts, added, removed };
}
