// Runs before every page and route handler (Next.js "proxy", formerly middleware).
// It never authorizes anyone (that is lib/dal.ts, on every page, action and route);
// it sets what a browser should enforce and what handlers may read:
//   - a per-request nonce and the Content-Security-Policy built with it; public pages
//     (isPublicPagePath: cached, the same for everyone) get no nonce but a policy whose
//     inline-script hashes scripts/server.ts fills in (lib/core/public-pages.ts);
//   - frame-ancestors 'none' / X-Frame-Options DENY, COOP, HSTS on https;
//   - Cache-Control: no-store on pages and downloads with personal data;
//   - x-request-id (a trusted upstream id, or a new one) and x-request-path;
//   - a path with broken %-encoding answers 400, a server action over the body limit 413
//     (lib/actions/request-guards.ts; Next.js would answer both with a 500);
//   - a browser's visit on another host name than APP_URL's (127.0.0.1 for localhost) goes to APP_URL's,
//     where sign-in links, cookies and passkeys belong.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/core/env";
import { buildCsp, isPrivatePath, isPublicPagePath, newNonce } from "@/lib/core/csp";
import { isTestClockAllowedFor, TEST_CLOCK_HEADER } from "@/lib/core/clock";
import { PUBLIC_PAGE_HEADER } from "@/lib/core/public-page-header";
import {
  actionBodyLimit,
  isMalformedPath,
  isOversizedAction,
  malformedPathResponse,
  oversizedActionResponse,
} from "@/lib/actions/request-guards";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function proxy(request: NextRequest) {
  const config = env();
  const appUrl = new URL(config.APP_URL);
  const { pathname } = request.nextUrl;
  // Refused before routing, where Next.js would answer them with a 500.
  if (isMalformedPath(pathname)) return malformedPathResponse(pathname);
  if (isOversizedAction(request.method, request.headers, actionBodyLimit(pathname)))
    return oversizedActionResponse(pathname);
  const host = (request.headers.get("host") ?? "").replace(/:\d+$/, "");
  // Only a browser's own navigation is moved: after a server action redirects, Next.js
  // fetches the next page from its own listening address (0.0.0.0:PORT) with the
  // person's cookies, and answering that fetch with a redirect would sign them out.
  const isNavigation = request.headers.get("sec-fetch-mode") === "navigate";
  if (
    host &&
    host !== appUrl.hostname &&
    isNavigation &&
    (request.method === "GET" || request.method === "HEAD") &&
    !pathname.startsWith("/api/")
  ) {
    const target = new URL(`${pathname}${request.nextUrl.search}`, appUrl);
    return NextResponse.redirect(target, 307);
  }

  const requestHeaders = new Headers(request.headers);
  const incomingId = request.headers.get("x-request-id");
  const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("x-request-path", pathname);

  // A request moving the test clock sees the page rendered at its time (draft mode), not the cache.
  const isPublic =
    isPublicPagePath(pathname) &&
    (request.method === "GET" || request.method === "HEAD") &&
    !(request.headers.get(TEST_CLOCK_HEADER) && isTestClockAllowedFor(config));
  // Next.js takes its nonce from the request's policy: never from the visitor's own header.
  requestHeaders.delete("content-security-policy");
  let csp: string | null = null;
  if (isPublic) {
    csp = buildCsp({
      nonce: null,
      isDev: config.NODE_ENV === "development",
      isHttps: appUrl.protocol === "https:",
      scriptOrigins: config.CSP_SCRIPT_ORIGINS.split(/\s+/).filter(Boolean),
    });
  } else if (config.CSP_NONCE === "on") {
    const nonce = newNonce();
    csp = buildCsp({
      nonce,
      isDev: config.NODE_ENV === "development",
      isHttps: appUrl.protocol === "https:",
      scriptOrigins: config.CSP_SCRIPT_ORIGINS.split(/\s+/).filter(Boolean),
    });
    requestHeaders.set("x-nonce", nonce);
    // Next.js reads the nonce from the request's policy and puts it on its own scripts.
    requestHeaders.set("content-security-policy", csp);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (csp) response.headers.set("Content-Security-Policy", csp);
  if (isPublic) response.headers.set(PUBLIC_PAGE_HEADER, "1");
  response.headers.set("X-Request-Id", requestId);
  response.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (appUrl.protocol === "https:")
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  if (isPrivatePath(pathname)) response.headers.set("Cache-Control", "private, no-store");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|analytics.js|analytics-ads.js).*)" }],
};
