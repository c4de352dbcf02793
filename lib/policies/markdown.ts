// Policy Markdown to safe HTML (marked, then an allow-list sanitizer).
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

export function renderPolicyMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true }) as string;
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(["h1", "h2", "del", "ins"]),
    allowedAttributes: { a: ["href", "title"], "*": ["id"] },
    allowedSchemes: ["http", "https", "mailto"],
  });
}
