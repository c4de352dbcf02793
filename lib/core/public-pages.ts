// What the web server (scripts/server.ts) adds to a public page's response, which the
// proxy marks (PUBLIC_PAGE_HEADER) and Next.js renders once and serves from its cache,
// and to any other page Next.js prerendered (static, so without a nonce):
//   - the SHA-256 of each of the framework's inline scripts (isFrameworkScript) in place of
//     the proxy's placeholder in the Content-Security-Policy (they differ per page and per
//     version, and a per-request nonce would make the page uncacheable);
//   - Cache-Control public with s-maxage / stale-while-revalidate for a CDN, unless the
//     response sets a cookie or is no success (then it stays private, no-store).
// The proxy cannot do it: it runs before the page and never sees the body.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import type http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { TEST_CLOCK_HEADER } from "./clock";
import { INLINE_HASHES_PLACEHOLDER, isPublicPagePath } from "./csp";
import { PUBLIC_PAGE_HEADER } from "./public-page-header";

/** Seconds a CDN may serve a public page before asking again, and serve it stale while it does. */
export const PUBLIC_S_MAXAGE = 2;
export const PUBLIC_STALE_WHILE_REVALIDATE = 60;
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${PUBLIC_S_MAXAGE}, stale-while-revalidate=${PUBLIC_STALE_WHILE_REVALIDATE}`;

let reactRuntime: string | null = null;

/** React's own inline runtime scripts (form replay, Suspense reveal) are string constants of react-dom/server. */
function isReactRuntime(text: string): boolean {
  if (text.length < 40) return false;
  if (reactRuntime === null) {
    try {
      const file = createRequire(path.join(process.cwd(), "package.json")).resolve(
        "next/dist/compiled/react-dom/cjs/react-dom-server.node.production.js",
      );
      reactRuntime = fs.readFileSync(file, "utf8").replaceAll("\\'", "'");
    } catch {
      reactRuntime = "";
    }
  }
  return reactRuntime.includes(text);
}

function isJson(text: string | undefined): boolean {
  try {
    JSON.parse(text ?? "");
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether an inline script is one Next.js or React writes: the flight data pushes and the chunk
 * list (calls whose only argument is JSON, so no code of anyone else's can hide in them), or one of
 * React's constant runtime scripts. Anything else (say, a script that found its way into a page's
 * content) gets no hash, so the browser refuses it.
 */
export function isFrameworkScript(text: string): boolean {
  const flight = /^(?:\(self\.__next_f=self\.__next_f\|\|\[\]\)|self\.__next_f)\.push\((\[[\s\S]*\])\);?$/.exec(text);
  if (flight) return isJson(flight[1]);
  const chunks =
    /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\((\{[\s\S]*\})\);?$/.exec(text);
  if (chunks) return isJson(chunks[1]);
  return isReactRuntime(text);
}

/**
 * The CSP source expressions of the framework's inline scripts in `html`. A nonce attribute does
 * not exempt one: a static page Next.js regenerated during a request (after `revalidatePath`)
 * keeps that request's nonce in its cached HTML, which no later request's policy names.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    const text = match[2] ?? "";
    if (/\bsrc\s*=/i.test(attributes) || !isFrameworkScript(text)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").toLowerCase()) {
    case "gzip":
      return zlib.gunzipSync(body);
    case "br":
      return zlib.brotliDecompressSync(body);
    case "deflate":
      return zlib.inflateSync(body);
    default:
      return body;
  }
}

/** The same page (ETag) is served many times a second: its policy is computed once. */
const policyByEtag = new Map<string, string>();

function fillPolicy(template: string, response: http.ServerResponse, body: Buffer | null): string {
  if (!body) return template.replace(` ${INLINE_HASHES_PLACEHOLDER}`, "");
  const etag = response.getHeader("etag");
  const key = typeof etag === "string" ? `${etag}|${template}` : null;
  const known = key ? policyByEtag.get(key) : undefined;
  if (known) return known;
  const html = decode(body, response.getHeader("content-encoding") as string | undefined).toString("utf8");
  const hashes = inlineScriptHashes(html);
  const policy = template.replace(` ${INLINE_HASHES_PLACEHOLDER}`, hashes.length ? ` ${hashes.join(" ")}` : "");
  if (key) {
    if (policyByEtag.size >= 1000) policyByEtag.clear();
    policyByEtag.set(key, policy);
  }
  return policy;
}

function finishHeaders(response: http.ServerResponse, body: Buffer | null) {
  const isPublic = response.hasHeader(PUBLIC_PAGE_HEADER);
  response.removeHeader(PUBLIC_PAGE_HEADER);
  const template = response.getHeader("content-security-policy");
  if (response.statusCode === 304) {
    // Not modified: the browser keeps the policy it stored with this very page (a 304's headers
    // replace the stored ones, and this one has no body to take hashes from).
    response.removeHeader("content-security-policy");
  } else if (typeof template === "string" && template.includes(INLINE_HASHES_PLACEHOLDER)) {
    const isHtml = String(response.getHeader("content-type") ?? "").includes("text/html");
    response.setHeader("Content-Security-Policy", fillPolicy(template, response, isHtml ? body : null));
  }
  if (!isPublic) return;
  const shareable = (response.statusCode === 200 || response.statusCode === 304) && !response.hasHeader("set-cookie");
  response.setHeader("Cache-Control", shareable ? PUBLIC_CACHE_CONTROL : "private, no-store");
}

/**
 * Holds a public page's response until it is complete, then sets its CSP and
 * Cache-Control. Other responses pass through untouched.
 */
export function withPublicPageHeaders(request: http.IncomingMessage, response: http.ServerResponse) {
  const chunks: Buffer[] = [];
  const key = frontCacheKey(request);
  let held = false;
  let decided = false;
  let deferredHead: unknown[] | null = null;
  const original = {
    writeHead: response.writeHead.bind(response) as (...args: unknown[]) => http.ServerResponse,
    write: response.write.bind(response) as (...args: unknown[]) => boolean,
    end: response.end.bind(response) as (...args: unknown[]) => http.ServerResponse,
  };
  const decide = () => {
    if (decided) return held;
    decided = true;
    // Public pages, and any page Next.js serves from its cache (static pages): no nonce in them.
    held = response.hasHeader(PUBLIC_PAGE_HEADER) || response.hasHeader("x-nextjs-cache");
    const policy = response.getHeader("content-security-policy");
    if (!held && typeof policy === "string" && policy.includes(INLINE_HASHES_PLACEHOLDER))
      response.setHeader("Content-Security-Policy", policy.replace(` ${INLINE_HASHES_PLACEHOLDER}`, ""));
    return held;
  };
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk)
        : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");

  response.writeHead = ((...args: unknown[]) => {
    // writeHead(status, [message], [headers]): apply its headers now, send them at the end.
    const headers = args.find((a, i) => i > 0 && a && typeof a === "object") as
      Record<string, string | string[]> | undefined;
    if (headers && !Array.isArray(headers))
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (typeof args[0] === "number") response.statusCode = args[0];
    if (!decide()) return original.writeHead(...args);
    deferredHead = args;
    return response;
  }) as typeof response.writeHead;

  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (!decide()) return original.write(chunk, encoding, callback);
    chunks.push(toBuffer(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }) as typeof response.write;

  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (!decide()) return original.end(chunk, encoding, callback);
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, encoding));
    const done = [chunk, encoding, callback].find((a) => typeof a === "function");
    const body = chunks.length ? Buffer.concat(chunks) : null;
    const isPublic = response.hasHeader(PUBLIC_PAGE_HEADER);
    try {
      finishHeaders(response, body);
    } catch {
      // Never serve a page with a policy we could not fill: no inline script runs.
      response.setHeader("Content-Security-Policy", "script-src 'self'; frame-ancestors 'none'");
      if (response.hasHeader(PUBLIC_PAGE_HEADER)) response.setHeader("Cache-Control", "private, no-store");
      response.removeHeader(PUBLIC_PAGE_HEADER);
    }
    if (body && response.hasHeader("content-length")) response.setHeader("Content-Length", body.length);
    if (key && isPublic && body && request.method === "GET") remember(key, response, body);
    // Node's own end() calls writeHead() for the implicit head: give it the real ones back.
    response.writeHead = original.writeHead as typeof response.writeHead;
    response.write = original.write as typeof response.write;
    response.end = original.end as typeof response.end;
    if (deferredHead) original.writeHead(response.statusCode);
    return body ? original.end(body, done) : original.end(done);
  }) as typeof response.end;
}

// The front cache: what a CDN in front would do, in the process, so a page Next.js already
// rendered and cached is answered without a trip through its router and proxy (which cost
// more than the page). Entries live PUBLIC_S_MAXAGE seconds, exactly what the response allows
// any shared cache; a stale page (Next.js regenerating it) is never kept.
type FrontEntry = {
  storedAt: number;
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
  /** Since when one request is asking Next.js for a fresh copy (the others get this one meanwhile). */
  refreshingSince?: number;
};
const front = new Map<string, FrontEntry>();
const FRONT_MAX_ENTRIES = 500;
const FRONT_REFRESH_MS = 2_000;
const ROUTER_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-action",
];

function frontCacheKey(request: http.IncomingMessage): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (ROUTER_HEADERS.some((name) => request.headers[name] !== undefined)) return null;
  if (request.headers[TEST_CLOCK_HEADER] !== undefined) return null;
  const url = request.url ?? "/";
  if (url.includes("?") || !isPublicPagePath(url)) return null;
  // The host decides the proxy's redirect, the encoding the body, a navigation the redirect too.
  return [
    url,
    request.headers.host ?? "",
    request.headers["accept-encoding"] ?? "",
    request.headers["sec-fetch-mode"] === "navigate" ? "nav" : "",
  ].join("|");
}

function remember(key: string, response: http.ServerResponse, body: Buffer) {
  if (response.statusCode !== 200 || response.hasHeader("set-cookie")) return;
  if (String(response.getHeader("x-nextjs-cache") ?? "").toUpperCase() === "STALE") return;
  if (!String(response.getHeader("cache-control") ?? "").startsWith("public") || body.length > 2_000_000) return;
  if (front.size >= FRONT_MAX_ENTRIES) front.clear();
  const headers = response.getHeaders();
  delete headers["x-request-id"];
  delete headers.date;
  delete headers.connection;
  delete headers["keep-alive"];
  front.set(key, { storedAt: Date.now(), status: response.statusCode, headers, body });
}

/** Answers from the front cache when it can; false when Next.js must answer. */
export function serveFromFrontCache(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const key = frontCacheKey(request);
  const entry = key ? front.get(key) : undefined;
  if (!entry) return false;
  const now = Date.now();
  if (now - entry.storedAt >= PUBLIC_S_MAXAGE * 1000) {
    // Expired: one request at a time goes to Next.js for a fresh copy; the others are answered with
    // this one while it does (stale-while-revalidate, as the header allows any shared cache),
    // for at most FRONT_REFRESH_MS, after which the next request tries again.
    if (entry.refreshingSince === undefined || now - entry.refreshingSince > FRONT_REFRESH_MS) {
      entry.refreshingSince = now;
      return false;
    }
  }
  for (const [name, value] of Object.entries(entry.headers)) if (value !== undefined) response.setHeader(name, value);
  const requestId = request.headers["x-request-id"];
  if (typeof requestId === "string") response.setHeader("X-Request-Id", requestId);
  const etag = entry.headers.etag;
  if (etag && request.headers["if-none-match"] === etag) {
    response.statusCode = 304;
    response.removeHeader("content-security-policy");
    response.removeHeader("content-length");
    response.end();
    return true;
  }
  response.statusCode = entry.status;
  response.end(request.method === "HEAD" ? undefined : entry.body);
  return true;
}

/** Tests: empty the front cache. */
export function forgetFrontCache() {
  front.clear();
}

let previewModeId: string | null | undefined;

/**
 * Test clock only (never in production): a request that moves time (x-test-now) must see
 * the page rendered at that time, not the shared cached one, so it gets Next.js's draft mode,
 * which renders cached pages per request.
 */
export function bypassCacheForTestClock(request: http.IncomingMessage, dir = process.cwd()) {
  if (previewModeId === undefined) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, ".next", "prerender-manifest.json"), "utf8")) as {
        preview?: { previewModeId?: string };
      };
      previewModeId = manifest.preview?.previewModeId ?? null;
    } catch {
      previewModeId = null;
    }
  }
  if (!previewModeId) return;
  const cookie = request.headers.cookie;
  request.headers.cookie = `${cookie ? `${cookie}; ` : ""}__prerender_bypass=${previewModeId}`;
}
