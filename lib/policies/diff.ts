// The changes between two versions of a policy, as formatted text with insertions
// and deletions marked (the `diff` package, the Markdown renderer of markdown.ts):
//   - both texts are split into blocks (headings, paragraphs, list items, code) and the
//     blocks are compared as wholes, ignoring how the lines were wrapped;
//   - a changed block is compared sentence by sentence; a sentence that was only edited
//     shows its changed words, one that was rewritten shows the old and the new sentence;
//   - the blocks are grouped into the new text's sections (second-level headings), so
//     the page can show only the sections that changed.
import { diffArrays, diffSentences, diffWordsWithSpace } from "diff";
import { plainHeadingText, policyBlocks, renderPolicyMarkdown, type MarkdownBlock } from "./markdown";

export type DiffBlock = { kind: "same" | "added" | "removed" | "changed"; html: string; isHeading: boolean };
export type DiffSection = { title: string; changed: boolean; blocks: DiffBlock[] };
export type PolicyDiff = { sections: DiffSection[]; added: number; removed: number; changedSections: number };

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const wordCount = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0);

/** Share of the words of the two texts they have in common (0 to 1, Dice's coefficient on words). */
function similarity(before: string, after: string): number {
  let same = 0;
  let changed = 0;
  for (const change of diffWordsWithSpace(before, after)) {
    const words = wordCount(change.value);
    if (change.added || change.removed) changed += words;
    else same += 2 * words;
  }
  return same + changed ? same / (same + changed) : 1;
}

/** Wraps a run of text in a tag, leaving its surrounding spaces outside (Markdown ignores marks that touch spaces). */
function mark(tag: "ins" | "del", text: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return match[2] ? `${match[1]}<${tag}>${match[2]}</${tag}>${match[3]}` : text;
}

type Counts = { added: number; removed: number };

/** Word changes within an edited sentence. */
function markWords(before: string, after: string, counts: Counts): string {
  return diffWordsWithSpace(before, after)
    .map((change) => {
      if (change.added) {
        counts.added += wordCount(change.value);
        return mark("ins", change.value);
      }
      if (change.removed) {
        counts.removed += wordCount(change.value);
        return mark("del", change.value);
      }
      return change.value;
    })
    .join("");
}

/** A changed block's Markdown with <ins>/<del> around what changed: whole sentences, or words in a lightly edited one. */
function markChanges(before: string, after: string, counts: Counts): string {
  const changes = diffSentences(before, after);
  let out = "";
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      if (similarity(change.value, next.value) >= 0.6) out += markWords(change.value, next.value, counts);
      else {
        counts.removed += wordCount(change.value);
        counts.added += wordCount(next.value);
        out += `${mark("del", change.value)} ${mark("ins", next.value)}`;
      }
      i++;
    } else if (change.added) {
      counts.added += wordCount(change.value);
      out += mark("ins", change.value);
    } else if (change.removed) {
      counts.removed += wordCount(change.value);
      out += mark("del", change.value);
    } else out += change.value;
  }
  return out;
}

const isSection = (block: MarkdownBlock) => block.type === "heading" && block.depth <= 2;

function pairable(before: MarkdownBlock, after: MarkdownBlock): boolean {
  if (before.type !== after.type || before.depth !== after.depth || before.type === "code") return false;
  return similarity(squash(before.text), squash(after.text)) >= 0.3;
}

export function diffPolicyText(before: string, after: string): PolicyDiff {
  const old = policyBlocks(before);
  const now = policyBlocks(after);
  const counts: Counts = { added: 0, removed: 0 };
  const out: { block: MarkdownBlock; kind: DiffBlock["kind"]; html: string }[] = [];
  const added = (block: MarkdownBlock) => {
    counts.added += wordCount(block.text);
    out.push({ block, kind: "added", html: renderPolicyMarkdown(block.raw) });
  };
  const removed = (block: MarkdownBlock) => {
    counts.removed += wordCount(block.text);
    out.push({ block, kind: "removed", html: renderPolicyMarkdown(block.raw) });
  };

  const changes = diffArrays(
    old.map((b) => squash(b.raw)),
    now.map((b) => squash(b.raw)),
  );
  let oi = 0;
  let ni = 0;
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c];
    const count = change.value.length;
    if (!change.added && !change.removed) {
      for (let k = 0; k < count; k++) {
        const block = now[ni + k];
        out.push({ block, kind: "same", html: renderPolicyMarkdown(block.raw) });
      }
      oi += count;
      ni += count;
      continue;
    }
    // A run of removed blocks and the run of added ones beside it: edited blocks pair up.
    const removedRun = change.removed ? old.slice(oi, oi + count) : [];
    const addedChange = change.removed && changes[c + 1]?.added ? changes[++c] : change.added ? change : null;
    const addedRun = addedChange ? now.slice(ni, ni + addedChange.value.length) : [];
    oi += removedRun.length;
    ni += addedRun.length;
    // Old text before new: removed blocks, then added ones, then the edited pair.
    let r = 0;
    let pending: MarkdownBlock[] = [];
    for (const block of addedRun) {
      const match = removedRun.findIndex((candidate, index) => index >= r && pairable(candidate, block));
      if (match < 0) {
        pending.push(block);
        continue;
      }
      for (; r < match; r++) removed(removedRun[r]);
      pending.forEach(added);
      pending = [];
      const edited = markChanges(squash(removedRun[r].raw), squash(block.raw), counts);
      out.push({ block, kind: "changed", html: renderPolicyMarkdown(edited) });
      r++;
    }
    for (; r < removedRun.length; r++) removed(removedRun[r]);
    pending.forEach(added);
  }

  const sections: DiffSection[] = [];
  for (const entry of out) {
    if (isSection(entry.block) || !sections.length) {
      const title = isSection(entry.block) ? plainHeadingText(entry.block.text) : "Opening";
      sections.push({ title, changed: false, blocks: [] });
    }
    const section = sections[sections.length - 1];
    section.blocks.push({ kind: entry.kind, html: entry.html, isHeading: entry.block.type === "heading" });
    if (entry.kind !== "same") section.changed = true;
  }
  return {
    sections,
    added: counts.added,
    removed: counts.removed,
    changedSections: sections.filter((s) => s.changed).length,
  };
}
