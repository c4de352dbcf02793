// The data access layer's entry points: every page, server action and route
// handler resolves the caller here, never only in a layout or proxy.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/instance";
import { recordAudit } from "./audit/record";
import { getRequestIp } from "./auth/request-ip";
import { getSecondFactorState, isStepUpFresh, STEP_UP_MINUTES, type SessionRef } from "./auth/second-factor";
import { findSessionStart, SESSION_COOKIES } from "./auth/session";
import type { Viewer } from "./core/viewer";
import { AppError } from "./core/errors";
import { isPublicPagePath } from "./core/csp";
import { isAnsweringRequest } from "./core/request-scope";
import {
  isPseudoLocaleEnabled,
  LOCALE_COOKIE,
  localeOfPath,
  matchLocale,
  negotiateLocale,
  SOURCE_LOCALE,
  type AppLocale,
} from "./core/i18n/config";

export type { Viewer } from "./core/viewer";

/** The signed-in viewer, or null. Cached for the duration of one request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { userId: user.id, email: user.email, name: user.name ?? null, role: user.role, locale: user.locale ?? null };
});

/** The session cookie's token (the database session this request belongs to). */
const getSessionToken = cache(async (): Promise<string | null> => {
  const jar = await cookies();
  return SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean) ?? null;
});

/** When the viewer last signed in (this session's start), for actions that need a fresh sign-in. */
export async function getSignedInAt(viewer: Viewer): Promise<Date | null> {
  const token = await getSessionToken();
  return token ? findSessionStart(token, viewer.userId) : null;
}

/** For pages: sends anonymous visitors to sign in. */
export async function verifySession(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}

/** The signed-in viewer's session, for the second-factor pages. */
export async function getSessionRef(): Promise<SessionRef> {
  const token = await getSessionToken();
  if (!token) throw new AppError("UNAUTHENTICATED");
  return { sessionToken: token };
}

type AdminState = {
  viewer: Viewer | null;
  kind: "not-admin" | "needs-second-factor" | "verified";
  passedAt: Date | null;
};

/** Whether the caller is an admin, and whether this session passed their second factor. */
export const getAdminState = cache(async (): Promise<AdminState> => {
  const viewer = await getViewer();
  if (!viewer || viewer.role !== "ADMIN") return { viewer, kind: "not-admin", passedAt: null };
  const token = await getSessionToken();
  const { passedAt } = token ? await getSecondFactorState(token, viewer.userId) : { passedAt: null };
  return { viewer, kind: passedAt ? "verified" : "needs-second-factor", passedAt };
});

/**
 * The path the refused request was for. proxy.ts sets x-request-path on every request it sees;
 * a request it did not see (Next.js's own fetch of a page, a server action posted from a page)
 * is named by its Referer's path instead, so an audit row never records an empty path.
 */
function requestPathOf(requestHeaders: Headers): string | null {
  const path = requestHeaders.get("x-request-path");
  if (path) return path;
  try {
    const referer = requestHeaders.get("referer");
    return referer ? new URL(referer).pathname || null : null;
  } catch {
    return null;
  }
}

/**
 * For pages ("page"), actions and routes ("action") of the admin area. Until the
 * second factor is passed in this session, an admin is answered as anyone else
 * (404, audited), except that an admin page sends them to pass it first.
 * Cached per request, so a layout and its page record one refusal, not two.
 */
export const requireAdmin = cache(async (mode: "page" | "action" = "page"): Promise<Viewer> => {
  const state = await getAdminState();
  if (state.kind === "verified" && state.viewer) return state.viewer;
  const requestHeaders = await headers();
  const path = requestPathOf(requestHeaders);
  if (state.kind === "needs-second-factor" && mode === "page")
    redirect(`/admin-verify?next=${encodeURIComponent(path ?? "/admin")}`);
  await recordAudit({
    action: "authz.denied",
    actorId: state.viewer?.userId ?? null,
    ip: getRequestIp(requestHeaders),
    metadata: { area: "admin", path: path ?? "(unknown)", mode, reason: state.kind },
  });
  notFound();
});

/** Destructive admin actions: the second factor must have been passed within the last few minutes. */
export async function requireStepUp(): Promise<void> {
  const state = await getAdminState();
  if (!(await isStepUpFresh(state.passedAt)))
    throw new AppError("FORBIDDEN", { reason: "STEP_UP_REQUIRED", params: { minutes: STEP_UP_MINUTES } });
}

/** Whether this server offers the pseudo-locale (development, or I18N_PSEUDO=on). */
export function isPseudoLocaleOffered(): boolean {
  // Read from process.env, not env(): pages prerendered at build time ask too, before the
  // server's settings (DATABASE_URL, AUTH_SECRET) exist.
  return isPseudoLocaleEnabled({
    NODE_ENV: process.env.NODE_ENV ?? "production",
    I18N_PSEUDO: process.env.I18N_PSEUDO,
  });
}

/**
 * The language of this request when its URL does not name one (private pages, server actions,
 * route handlers): the signed-in person's saved choice, then the `locale` cookie, then
 * Accept-Language, then English. A public page's English URL is English for everyone (its HTML
 * is cached and shared): proxy.ts names it in x-request-path, and nothing per visitor is read.
 * Cached per request.
 */
export const getRequestLocale = cache(async (): Promise<AppLocale> => {
  // A page rendered once for everyone (a public page) is in its URL's language, English for an
  // unprefixed URL: reading headers there would make every public page dynamic.
  if (!(await isAnsweringRequest())) return SOURCE_LOCALE;
  const requestHeaders = await headers();
  const path = requestHeaders.get("x-request-path");
  if (path && isPublicPagePath(path)) return localeOfPath(path) ?? SOURCE_LOCALE;
  const pseudo = isPseudoLocaleOffered();
  const jar = await cookies();
  const hasSession = SESSION_COOKIES.some((name) => jar.has(name));
  const viewer = hasSession ? await getViewer() : null;
  return (
    matchLocale(viewer?.locale, pseudo) ??
    matchLocale(jar.get(LOCALE_COOKIE)?.value, pseudo) ??
    negotiateLocale(requestHeaders.get("accept-language")) ??
    SOURCE_LOCALE
  );
});
