// Policy Markdown to safe HTML (marked, then an allow-list sanitizer), and the
// policy's outline (its sections, for the table of contents and the key points).
// A policy's HTML sits inside the page, so an id or name written in it could
// shadow the page's own elements and the globals scripts read (DOM clobbering,
// e.g. <p id="__next">): names are dropped, ids get a "user-content-" prefix (as
// GitHub does), and in-page links follow the prefix so they still land.
import { Marked, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

const ID_PREFIX = "user-content-";
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

function prefixedId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const bare = id.startsWith(ID_PREFIX) ? id.slice(ID_PREFIX.length) : id;
  return SAFE_ID.test(bare) ? `${ID_PREFIX}${bare}` : undefined;
}

function withPrefixedId(tagName: string, attribs: sanitizeHtml.Attributes) {
  const { id, name: _name, ...rest } = attribs;
  const safeId = prefixedId(id);
  if (tagName === "a" && rest.href?.startsWith("#")) {
    const target = prefixedId(rest.href.slice(1));
    if (target) rest.href = `#${target}`;
    else delete rest.href;
  }
  return { tagName, attribs: safeId ? { ...rest, id: safeId } : rest };
}

/** A heading's words without Markdown marks: "**Key** [points](#x)" is "Key points". */
export function plainHeadingText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .replace(/-+/g, "-")
      .slice(0, 80) || "section"
  );
}

/** Ids for the second-level headings, in order, unique within the document (GitHub's style). */
function headingIds(tokens: Token[]): Map<Token, string> {
  const ids = new Map<Token, string>();
  const seen = new Map<string, number>();
  for (const token of tokens) {
    if (token.type !== "heading" || (token as Tokens.Heading).depth !== 2) continue;
    const base = slugOf(plainHeadingText((token as Tokens.Heading).text));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.set(token, count ? `${base}-${count}` : base);
  }
  return ids;
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(["h1", "h2", "del", "ins"]),
  allowedAttributes: { a: ["href", "title"], "*": ["id"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { "*": withPrefixedId },
};

function toHtml(tokens: Token[], ids: Map<Token, string> = new Map()): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      heading(token) {
        const id = ids.get(token);
        const inner = this.parser.parseInline(token.tokens);
        return id ? `<h${token.depth} id="${id}">${inner}</h${token.depth}>\n` : false;
      },
    },
  });
  // The parser wants the lexer's links table on the list.
  const list = Object.assign([...tokens], { links: (tokens as Token[] & { links?: unknown }).links ?? {} });
  return sanitizeHtml(marked.parser(list as unknown as Token[]), SANITIZE);
}

function lex(markdown: string): Token[] {
  return new Marked({ gfm: true }).lexer(markdown.replace(/\r\n?/g, "\n"));
}

export function renderPolicyMarkdown(markdown: string): string {
  return toHtml(lex(markdown));
}

export type PolicyOutlineItem = { id: string; title: string };

/** What a policy page shows: its key points (a "Key points" section), its contents and its text. */
export type PolicyLayout = {
  /** The HTML of the "Key points" section's text (without its heading), shown at the top. */
  keyPointsHtml: string | null;
  /** The second-level headings of the text, linked from the table of contents. */
  outline: PolicyOutlineItem[];
  html: string;
};

const KEY_POINTS = /^(key points|in short|at a glance)$/i;

export function layoutPolicy(markdown: string): PolicyLayout {
  const tokens = lex(markdown);
  const ids = headingIds(tokens);
  // The key points section: from its heading to the next heading of the same or a higher level.
  const start = tokens.findIndex(
    (t) => t.type === "heading" && (t as Tokens.Heading).depth <= 2 && KEY_POINTS.test(plainHeadingText(t.text)),
  );
  let keyPoints: Token[] = [];
  let rest = tokens;
  if (start >= 0) {
    const depth = (tokens[start] as Tokens.Heading).depth;
    // It ends with its first list, a rule (---) or the next heading, whichever comes first.
    let end = start + 1;
    while (end < tokens.length) {
      const t = tokens[end];
      if (t.type === "hr" || (t.type === "heading" && (t as Tokens.Heading).depth <= depth)) break;
      end++;
      if (t.type === "list") break;
    }
    keyPoints = tokens.slice(start + 1, end);
    rest = [...tokens.slice(0, start), ...tokens.slice(tokens[end]?.type === "hr" ? end + 1 : end)];
  }
  const outline = rest.flatMap((t) => {
    const id = ids.get(t);
    return id ? [{ id: `${ID_PREFIX}${id}`, title: plainHeadingText((t as Tokens.Heading).text) }] : [];
  });
  const links = (tokens as Token[] & { links?: unknown }).links;
  const withLinks = (list: Token[]) => Object.assign(list, { links }) as Token[];
  return {
    keyPointsHtml: keyPoints.length ? toHtml(withLinks(keyPoints)) : null,
    outline,
    html: toHtml(withLinks(rest), ids),
  };
}

/** A Markdown source as top-level blocks (each list item its own block), for the diff. */
export type MarkdownBlock = { type: string; depth: number; raw: string; text: string };

export function policyBlocks(markdown: string): MarkdownBlock[] {
  return lex(markdown).flatMap((token): MarkdownBlock[] => {
    if (token.type === "space") return [];
    if (token.type === "list") {
      const list = token as Tokens.List;
      return list.items.map((item, index) => {
        const marker = list.ordered ? `${(Number(list.start) || 1) + index}. ` : "- ";
        const body = item.raw.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "").trim();
        return { type: list.ordered ? "ordered_item" : "list_item", depth: 0, raw: `${marker}${body}`, text: body };
      });
    }
    const depth = token.type === "heading" ? (token as Tokens.Heading).depth : 0;
    return [{ type: token.type, depth, raw: token.raw.trim(), text: "text" in token ? String(token.text) : token.raw }];
  });
}
