// Policy Markdown to safe HTML (marked, then an allow-list sanitizer).
// A policy's HTML sits inside the page, so an id or name written in it could
// shadow the page's own elements and the globals scripts read (DOM clobbering,
// e.g. <p id="__next">): names are dropped, ids get a "user-content-" prefix (as
// GitHub does), and in-page links follow the prefix so they still land.
import { marked } from "marked";
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

export function renderPolicyMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true }) as string;
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(["h1", "h2", "del", "ins"]),
    allowedAttributes: { a: ["href", "title"], "*": ["id"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: { "*": withPrefixedId },
  });
}
