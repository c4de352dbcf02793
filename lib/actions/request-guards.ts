// Requests refused in proxy.ts before Next.js routes them, because Next.js would
// answer them with a 500: a path whose %-encoding cannot be decoded (a dynamic
// segment like /policies/%E0%A4%A) and a server action whose body is over the
// limit (Next.js knows it is a 413 but answers 500). The answers are 400 and 413,
// with words from lib/actions/messages.ts: JSON under /api/, a small page elsewhere.
import { describeError } from "./messages";
import { AppError } from "../core/errors";

/** The body limit of server actions (Next.js's default): 1 MB. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Pages whose action carries an upload, with their larger limit: the public request form
 * (an agent's signed permission, at most 5 MB, plus the form). next.config.js sets Next.js's
 * own `serverActions.bodySizeLimit` to the largest of these; every other page keeps 1 MB here.
 */
export const UPLOAD_ACTION_LIMITS: Record<string, number> = { "/requests/new": 6 * 1024 * 1024 };

/** The body limit of an action posted to this page. */
export function actionBodyLimit(pathname: string): number {
  return UPLOAD_ACTION_LIMITS[pathname] ?? ACTION_BODY_LIMIT_BYTES;
}

/** True when a segment of the (still encoded) path is not valid %-encoding of UTF-8. */
export function isMalformedPath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/** A server action (POST with Next-Action) whose declared body is over the limit. */
export function isOversizedAction(method: string, headers: Headers, limit = ACTION_BODY_LIMIT_BYTES): boolean {
  if (method !== "POST" || !headers.has("next-action")) return false;
  const length = Number(headers.get("content-length"));
  return Number.isFinite(length) && length > limit;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function refusal(pathname: string, status: 400 | 413, error: AppError, title: string): Response {
  const message = describeError(error);
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (pathname.startsWith("/api/")) {
    return Response.json(
      { error: error.code.toLowerCase(), reason: error.reason?.toLowerCase(), message },
      { status, headers },
    );
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #111827"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Go to the home page</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

export function malformedPathResponse(pathname: string): Response {
  return refusal(pathname, 400, new AppError("VALIDATION", { reason: "BAD_PATH" }), "This address is not valid");
}

export function oversizedActionResponse(pathname: string): Response {
  return refusal(
    pathname,
    413,
    new AppError("VALIDATION", {
      reason: "BODY_TOO_LARGE",
      params: { megabytes: actionBodyLimit(pathname) / (1024 * 1024) },
    }),
    "Too large to send",
  );
}
