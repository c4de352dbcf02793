// The portal's languages and how a request's language is chosen (README, "Languages";
// notes/issue-22.md). Knows no domain and no request: the request side (session, cookie,
// headers) is lib/dal.ts's getRequestLocale(); next-intl's request config is lib/i18n-request.ts.

/** English is the source language: every catalogue key exists in messages/en/ first. */
export const SOURCE_LOCALE = "en";
/** The languages people can choose, in the order the switcher lists them. */
export const LOCALES = ["en", "de", "fr", "es"] as const;
/**
 * An accented, ~40% longer English (messages generated from en, lib/core/i18n/pseudo.ts), so
 * overflow and untranslated words show; offered only in development or with I18N_PSEUDO=on.
 */
export const PSEUDO_LOCALE = "en-XA";

export type AppLocale = (typeof LOCALES)[number] | typeof PSEUDO_LOCALE;

/** The cookie that remembers a visitor's choice (a year; no personal data: just the language). */
export const LOCALE_COOKIE = "locale";
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Each language's name in itself: how the switcher shows it, whatever the page's language. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  "en-XA": "[Ƥşḗḗŭŭḓǿǿ]",
};

/** The languages on offer: the four, plus the pseudo-locale where it is enabled. */
export function availableLocales(pseudo: boolean): readonly AppLocale[] {
  return pseudo ? [...LOCALES, PSEUDO_LOCALE] : LOCALES;
}

/** A supported locale for `value` (exact, case-insensitive), or null. */
export function matchLocale(value: string | null | undefined, pseudo = false): AppLocale | null {
  if (!value) return null;
  const wanted = value.trim().toLowerCase();
  return availableLocales(pseudo).find((locale) => locale.toLowerCase() === wanted) ?? null;
}

/**
 * The best of our languages for an Accept-Language header ("de-CH,de;q=0.9,en;q=0.5"): by
 * quality, a region falling back to its language; null when none fits (the caller says English).
 * The pseudo-locale is never negotiated: it is chosen on purpose only.
 */
export function negotiateLocale(header: string | null | undefined): AppLocale | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      const quality = q === undefined ? 1 : Number(q);
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const exact = matchLocale(tag);
    if (exact) return exact;
    const base = matchLocale(tag.split("-")[0]);
    if (base) return base;
  }
  return null;
}

/**
 * The language of a path under a locale prefix ("/de/cookies" is German), or null for an
 * unprefixed (English or private) path. English never takes a prefix ("as-needed").
 */
export function localeOfPath(pathname: string): AppLocale | null {
  const first = /^\/([A-Za-z-]+)(?:\/|$)/.exec(pathname)?.[1];
  const locale = matchLocale(first);
  return locale && locale !== SOURCE_LOCALE && locale === first ? locale : null;
}

/** The writing direction of a locale: all of ours are left to right (Arabic or Hebrew would not be). */
export function directionOf(_locale: AppLocale): "ltr" | "rtl" {
  return "ltr";
}

/** Whether the pseudo-locale is offered: in development, or when I18N_PSEUDO=on (never by default in production). */
export function isPseudoLocaleEnabled(config: { NODE_ENV: string; I18N_PSEUDO?: string }): boolean {
  return config.I18N_PSEUDO ? config.I18N_PSEUDO === "on" : config.NODE_ENV === "development";
}
