// The language switcher of the header and the footer: a plain form, so it works without
// JavaScript. It posts to /api/locale, which remembers the choice (cookie; on the account too
// when signed in) and sends the browser back where it was. The same for every visitor of a page
// (its selected option is the page's language), so cached public pages stay shareable.
import { getLocale, getTranslations } from "next-intl/server";
import { availableLocales, LOCALE_NAMES, type AppLocale } from "@/lib/core/i18n/config";
import { isPseudoLocaleOffered } from "@/lib/dal";

export async function LanguageSwitcher(props: { id: string; className?: string; compact?: boolean }) {
  const t = await getTranslations("common.language");
  const locale = (await getLocale()) as AppLocale;
  const locales = availableLocales(isPseudoLocaleOffered());
  return (
    <form method="post" action="/api/locale" className={`flex items-center gap-2 ${props.className ?? ""}`}>
      {/* In the header on a phone the label is for screen readers only (the select shows the language). */}
      <label htmlFor={props.id} className={`text-sm text-gray-700 ${props.compact ? "sr-only sm:not-sr-only" : ""}`}>
        {t("label")}
      </label>
      <select
        id={props.id}
        name="locale"
        defaultValue={locale}
        className="rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900"
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-100"
      >
        {t("change")}
      </button>
    </form>
  );
}
