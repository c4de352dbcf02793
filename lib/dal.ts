// The data access layer's entry points: every page, server action and route
// handler resolves the caller here, never only in a layout or proxy.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { recordAudit } from "./audit/record";
import { getRequestIp } from "./auth/request-ip";
import { findSessionStart, SESSION_COOKIES } from "./auth/session";
import type { Viewer } from "./auth/viewer";

export type { Viewer } from "./auth/viewer";

/** The signed-in viewer, or null. Cached for the duration of one request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { userId: user.id, email: user.email, name: user.name ?? null, role: user.role };
});

/** When the viewer last signed in (this session's start), for actions that need a fresh sign-in. */
export async function getSignedInAt(viewer: Viewer): Promise<Date | null> {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  return token ? findSessionStart(token, viewer.userId) : null;
}

/** For pages: sends anonymous visitors to sign in. */
export async function verifySession(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}

/**
 * For pages, actions and routes of the admin area: anyone else gets a 404.
 * Cached per request, so a layout and its page checking the same request
 * record one refusal, not two.
 */
export const requireAdmin = cache(async (): Promise<Viewer> => {
  const viewer = await getViewer();
  if (!viewer || viewer.role !== "ADMIN") {
    const requestHeaders = await headers();
    await recordAudit({
      action: "authz.denied",
      actorId: viewer?.userId ?? null,
      ip: getRequestIp(requestHeaders),
      metadata: { area: "admin", path: requestHeaders.get("x-invoke-path") ?? requestHeaders.get("next-url") ?? null },
    });
    notFound();
  }
  return viewer;
});
