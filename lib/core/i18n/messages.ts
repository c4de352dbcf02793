// The catalogues: messages/<locale>/<area>.json, ICU message format, one file per area
// (notes/issue-22.md says how to add an area). English is the source; the pseudo-locale
// is generated from it. Loaded statically: they are small, and every server needs all four.
import { createTranslator } from "next-intl";
import enCommon from "../../../messages/en/common.json";
import enErrors from "../../../messages/en/errors.json";
import enProfile from "../../../messages/en/profile.json";
import deCommon from "../../../messages/de/common.json";
import deErrors from "../../../messages/de/errors.json";
import deProfile from "../../../messages/de/profile.json";
import frCommon from "../../../messages/fr/common.json";
import frErrors from "../../../messages/fr/errors.json";
import frProfile from "../../../messages/fr/profile.json";
import esCommon from "../../../messages/es/common.json";
import esErrors from "../../../messages/es/errors.json";
import esProfile from "../../../messages/es/profile.json";
import { PSEUDO_LOCALE, SOURCE_LOCALE, type AppLocale } from "./config";
import { pseudoLocalizeCatalogue } from "./pseudo";

/** The areas, each a namespace: `t("common.footer.privacyPolicy")`, `getTranslations("errors")`. */
export const AREAS = ["common", "errors", "profile"] as const;
export type Area = (typeof AREAS)[number];

export type Messages = typeof english;
const english = { common: enCommon, errors: enErrors, profile: enProfile };

const catalogues: Record<Exclude<AppLocale, typeof PSEUDO_LOCALE>, Messages> = {
  en: english,
  de: { common: deCommon, errors: deErrors, profile: deProfile },
  fr: { common: frCommon, errors: frErrors, profile: frProfile },
  es: { common: esCommon, errors: esErrors, profile: esProfile },
};

let pseudo: Messages | null = null;

/** Every area's messages in a language (the pseudo-locale's generated on first use). */
export function getMessagesFor(locale: AppLocale): Messages {
  if (locale === PSEUDO_LOCALE) return (pseudo ??= pseudoLocalizeCatalogue(english) as Messages);
  return catalogues[locale] ?? catalogues[SOURCE_LOCALE];
}

/** The raw catalogues, for the tests that compare every language with English. */
export function getAllCatalogues(): Record<string, Messages> {
  return catalogues;
}

/** The time zone dates are shown in until a person can choose theirs (lib/core/format.ts uses the same). */
export const TIME_ZONE = "UTC";

/** A translator whose keys are checked by the tests (every language has English's keys), not by types. */
export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

const translators = new Map<string, Translate>();

/**
 * A translator outside React (server actions' words, route handlers, emails later): the same ICU
 * formatting as next-intl's getTranslations, but synchronous, for a locale the caller resolved.
 * It throws on a missing key or argument.
 */
export function translatorFor(locale: AppLocale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({
      locale,
      messages: getMessagesFor(locale),
      timeZone: TIME_ZONE,
      // A missing key or argument throws (the caller chooses its fallback) instead of showing a key path.
      onError: (error) => {
        throw error;
      },
    }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}
