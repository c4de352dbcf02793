// next-intl's request configuration (next.config.js names this file): the language of a page
// and its messages. A `[locale]` URL segment decides when there is one (public pages in other
// languages, notes/issue-22.md); otherwise lib/dal.ts's getRequestLocale() (saved choice,
// cookie, Accept-Language, English).
import "server-only";
import { getRequestConfig } from "next-intl/server";
import { matchLocale } from "./core/i18n/config";
import { getMessagesFor, TIME_ZONE } from "./core/i18n/messages";
import { isAnsweringRequest } from "./core/request-scope";
import { getRequestLocale, isPseudoLocaleOffered } from "./dal";

export default getRequestConfig(async (params) => {
  // `params.requestLocale` is a getter that reads the request headers when no [locale] segment set
  // it (setRequestLocale): read it only while answering a request, or every page that renders once
  // for everyone (the policy pages, revalidated) would fail with DYNAMIC_SERVER_USAGE.
  // Phase 2's [locale] pages call setRequestLocale and must pass their segment here too.
  const segment = (await isAnsweringRequest()) ? await params.requestLocale : undefined;
  const locale = matchLocale(segment, isPseudoLocaleOffered()) ?? (await getRequestLocale());
  return { locale, messages: getMessagesFor(locale), timeZone: TIME_ZONE };
});
