// The Content-Security-Policy of every page: scripts only from this origin or
// carrying the request's nonce (Next.js puts it on its own inline scripts), plus
// the origins listed for consented optional scripts; no framing; no plugins.
// Style attributes stay allowed (React's style props), scripts never inline.
// Public pages (isPublicPagePath) are cached and shared, so they cannot carry a
// per-request nonce: their policy lists the SHA-256 of each inline script instead,
// filled in by the web server once the page's HTML is known (lib/core/public-pages.ts).

import { COOKIE_BOOT_SCRIPT_HASH } from "./boot-script";

/** Stands in the proxy's policy for the hashes of a public page's inline scripts. */
export const INLINE_HASHES_PLACEHOLDER = "'inline-script-hashes'";

export function buildCsp(options: {
  /** A nonce, or (public pages) the placeholder the web server replaces by the inline scripts' hashes. */
  nonce: string | null;
  isDev: boolean;
  isHttps: boolean;
  scriptOrigins: string[];
}): string {
  // Pages Next.js prerendered (static, or cached public pages) carry no nonce: their framework
  // scripts are allowed by hash, which the web server fills in for the placeholder.
  const inline =
    options.nonce === null ? INLINE_HASHES_PLACEHOLDER : `'nonce-${options.nonce}' ${INLINE_HASHES_PLACEHOLDER}`;
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${inline} ${COOKIE_BOOT_SCRIPT_HASH}${options.scriptOrigins.length ? ` ${options.scriptOrigins.join(" ")}` : ""}${options.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.isDev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable, new for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Pages that are the same for every visitor: rendered once, served from cache with
 * Cache-Control public and a hash-based CSP. Nothing on them may depend on who asks
 * (the header, banners and forms that do come from /api/visitor).
 */
export function isPublicPagePath(pathname: string): boolean {
  return /^\/(|policies(\/[a-z0-9-]+(\/archive|\/v\/\d+(\/changes(\/only)?)?)?)?|privacy\/(metrics|sharing|statistics)|parents)$/.test(
    pathname,
  );
}

/** Paths whose pages or files show someone's personal data: never stored by a browser or proxy cache. */
export function isPrivatePath(pathname: string): boolean {
  return /^\/(account|admin|admin-verify|parents\/status|requests\/(status|confirm|verify)|drp|v1|account-deleted|email-change|unsubscribe|dev\/mail|api\/(export|parents|requests|dev|auth|visitor))(\/|$)/.test(
    pathname,
  );
}
