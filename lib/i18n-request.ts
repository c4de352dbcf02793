// next-intl's request configuration (next.config.js names this file): the language of a page
// and its messages. A `[locale]` URL segment decides when there is one (public pages in other
// languages, notes/issue-22.md); otherwise lib/dal.ts's getRequestLocale() (saved choice,
// cookie, Accept-Language, English).
import "server-only";
import { getRequestConfig } from "next-intl/server";
import { matchLocale } from "./core/i18n/config";
import { getMessagesFor, TIME_ZONE } from "./core/i18n/messages";
import { getRequestLocale, isPseudoLocaleOffered } from "./dal";

export default getRequestConfig(async ({ requestLocale }) => {
  const locale = matchLocale(await requestLocale, isPseudoLocaleOffered()) ?? (await getRequestLocale());
  return { locale, messages: getMessagesFor(locale), timeZone: TIME_ZONE };
});
