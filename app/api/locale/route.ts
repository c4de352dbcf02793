// The language switcher's target (components/language-switcher.tsx): a plain form POST, so
// choosing works without JavaScript and cached public pages carry no per-visitor state. It
// remembers the choice in the `locale` cookie and, for a signed-in person, on their account
// (audited, the same as the profile page's setting), then sends the browser back to the page it
// came from (same origin only).
import { z } from "zod";
import { env } from "@/lib/core/env";
import { availableLocales, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/lib/core/i18n/config";
import { getRequestIp } from "@/lib/auth/request-ip";
import { updateLocale } from "@/lib/correction/profile";
import { getViewer, isPseudoLocaleOffered } from "@/lib/dal";
import { errorResponse } from "@/lib/actions/route";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/** The page to go back to: the Referer's path when it is on this site, else the home page. */
function backTo(request: Request, appUrl: URL): string {
  try {
    const referer = new URL(request.headers.get("referer") ?? "");
    if (referer.origin === appUrl.origin || referer.origin === new URL(request.url).origin)
      return `${referer.pathname}${referer.search}`;
  } catch {
    // no usable Referer
  }
  return "/";
}

export async function POST(request: Request) {
  const appUrl = new URL(env().APP_URL);
  const origin = request.headers.get("origin");
  if (origin && origin !== appUrl.origin && origin !== new URL(request.url).origin)
    return errorResponse(new AppError("FORBIDDEN"));
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return errorResponse(new AppError("VALIDATION"));
  }
  const parsed = z
    .object({ locale: z.enum(availableLocales(isPseudoLocaleOffered()) as [string, ...string[]]) })
    .safeParse({ locale: form.get("locale") });
  if (!parsed.success) return errorResponse(new AppError("VALIDATION", { field: "locale" }));
  const { locale } = parsed.data;
  const viewer = await getViewer();
  if (viewer) await updateLocale({ viewer, locale, ip: getRequestIp(request.headers) });
  const headers = new Headers({ location: backTo(request, appUrl), "cache-control": "no-store" });
  const secure = appUrl.protocol === "https:" ? "; Secure" : "";
  headers.append(
    "set-cookie",
    `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax${secure}`,
  );
  return new Response(null, { status: 303, headers });
}
