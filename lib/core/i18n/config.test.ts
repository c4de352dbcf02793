import { describe, expect, it } from "vitest";
import { availableLocales, isPseudoLocaleEnabled, localeOfPath, matchLocale, negotiateLocale } from "./config";

describe("choosing a language", () => {
  it("takes the best supported language of Accept-Language, a region falling back to its language", () => {
    expect(negotiateLocale("de-CH,de;q=0.9,en;q=0.5")).toBe("de");
    expect(negotiateLocale("it,fr-CA;q=0.8,es;q=0.9")).toBe("es");
    expect(negotiateLocale("en-US,en;q=0.9")).toBe("en");
    expect(negotiateLocale("ja, zh;q=0.5")).toBeNull();
    expect(negotiateLocale("fr;q=0, de;q=0.1")).toBe("de");
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
    // The pseudo-locale is never negotiated.
    expect(negotiateLocale("en-XA")).toBe("en");
  });

  it("accepts only our languages by name, the pseudo-locale only where it is offered", () => {
    expect(matchLocale("DE")).toBe("de");
    expect(matchLocale("de-AT")).toBeNull();
    expect(matchLocale("en-XA")).toBeNull();
    expect(matchLocale("en-XA", true)).toBe("en-XA");
    expect(matchLocale("")).toBeNull();
    expect(availableLocales(false)).toEqual(["en", "de", "fr", "es"]);
  });

  it("reads a public page's language from its prefix; English takes none", () => {
    expect(localeOfPath("/de/cookies")).toBe("de");
    expect(localeOfPath("/fr")).toBe("fr");
    expect(localeOfPath("/en/cookies")).toBeNull();
    expect(localeOfPath("/policies/privacy")).toBeNull();
    expect(localeOfPath("/DE/x")).toBeNull();
  });

  it("offers the pseudo-locale in development or when I18N_PSEUDO=on, never by default in production", () => {
    expect(isPseudoLocaleEnabled({ NODE_ENV: "development", I18N_PSEUDO: "" })).toBe(true);
    expect(isPseudoLocaleEnabled({ NODE_ENV: "production", I18N_PSEUDO: "" })).toBe(false);
    expect(isPseudoLocaleEnabled({ NODE_ENV: "production", I18N_PSEUDO: "on" })).toBe(true);
    expect(isPseudoLocaleEnabled({ NODE_ENV: "development", I18N_PSEUDO: "off" })).toBe(false);
  });
});
