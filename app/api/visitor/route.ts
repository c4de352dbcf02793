// Everything on a page that depends on who is looking (signed-in name, policy banners
// they have not dismissed, their cookie choice and browser opt-out signal, their change-notice
// setting), so that the pages themselves stay the same for everyone and are served from
// cache. Private: never stored by a browser or proxy (proxy.ts, isPrivatePath).
import { cookies, headers } from "next/headers";
import type { VisitorState } from "@/components/visitor";
import { getViewer } from "@/lib/dal";
import { formatDate } from "@/lib/core/format";
import { log } from "@/lib/core/log";
import { BANNER_COOKIE, findBannerNotices } from "@/lib/policies/banner";
import { CONSENT_COOKIE, parseConsentCookie } from "@/lib/preferences/cookies";
import { getMinorNoticeOptIn } from "@/lib/preferences/policy-notices";
import { getOptOutSignalState } from "@/lib/signals/apply";
import { describeSignals, readBrowserSignals } from "@/lib/signals/read";

export const dynamic = "force-dynamic";

async function orNull<T>(what: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    // A banner or notice must never take the page's header down with it.
    log.error(`visitor state: could not read ${what}`, { error });
    return null;
  }
}

export async function GET() {
  const [viewer, jar, headerList] = await Promise.all([getViewer(), cookies(), headers()]);
  const signals = readBrowserSignals(headerList);
  const dismissedIds = viewer ? [] : (jar.get(BANNER_COOKIE)?.value ?? "").split(",").filter(Boolean);
  const [notices, signalState, minorNoticeOptIn] = await Promise.all([
    orNull("policy notices", () => findBannerNotices({ userId: viewer?.userId ?? null, dismissedIds })),
    viewer && signals.any ? orNull("signal state", () => getOptOutSignalState(viewer.userId)) : null,
    viewer ? orNull("notice preference", () => getMinorNoticeOptIn(viewer.userId)) : false,
  ]);
  const state: VisitorState = {
    viewer: viewer ? { name: viewer.name, email: viewer.email, role: viewer.role } : null,
    cookieChoice: parseConsentCookie(jar.get(CONSENT_COOKIE)?.value),
    signal: signals.any ? describeSignals(signals) : null,
    signalState: signalState
      ? {
          isApplied: signalState.isApplied,
          honouredOn: signalState.honouredAt ? formatDate(signalState.honouredAt, "longDate") : null,
        }
      : null,
    policyNotices: (notices ?? []).map((notice) => ({
      versionId: notice.versionId,
      slug: notice.slug,
      title: notice.title,
      version: notice.version,
      text: notice.isUpcoming
        ? `Our ${notice.title} changes on ${formatDate(notice.effectiveAt, "longDate")}.`
        : `Our ${notice.title} changed on ${formatDate(notice.effectiveAt, "longDate")}.`,
    })),
    minorNoticeOptIn: minorNoticeOptIn ?? false,
  };
  return Response.json(state, { headers: { "Cache-Control": "private, no-store" } });
}
