// The Content-Security-Policy of every page: scripts only from this origin or
// carrying the request's nonce (Next.js puts it on its own inline scripts), plus
// the origins listed for consented optional scripts; no framing; no plugins.
// Style attributes stay allowed (React's style props), scripts never inline.

export function buildCsp(options: {
  nonce: string;
  isDev: boolean;
  isHttps: boolean;
  scriptOrigins: string[];
}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}'${options.scriptOrigins.length ? ` ${options.scriptOrigins.join(" ")}` : ""}${options.isDev ? " 'unsafe-eval'" : ""}`,
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

/** Paths whose pages or files show someone's personal data: never stored by a browser or proxy cache. */
export function isPrivatePath(pathname: string): boolean {
  return /^\/(account|admin|admin-verify|parents\/status|account-deleted|email-change|unsubscribe|dev\/mail|api\/(export|parents|dev|auth))(\/|$)/.test(
    pathname,
  );
}
