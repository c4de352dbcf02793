// The catalogues (messages/<locale>/<area>.json) are complete and consistent: every language has
// exactly English's areas and keys, every message is valid ICU, and every translation uses the
// same arguments as English with the same kinds (plural, select, number, date...), so a
// translation can never drop a count or name a placeholder the code does not pass.
import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES, SOURCE_LOCALE } from "../../lib/core/i18n/config";
import { AREAS } from "../../lib/core/i18n/messages";
import { pseudoLocalize } from "../../lib/core/i18n/pseudo";

type Catalogue = { [key: string]: string | Catalogue };

const DIR = "messages";

function readArea(locale: string, area: string): Catalogue {
  return JSON.parse(fs.readFileSync(path.join(DIR, locale, `${area}.json`), "utf8")) as Catalogue;
}

/** "area.a.b" -> message, for every leaf; a leaf that is not a string is reported as such. */
function flatten(catalogue: Catalogue, prefix: string, out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(catalogue)) {
    const name = `${prefix}.${key}`;
    if (value && typeof value === "object" && !Array.isArray(value)) flatten(value, name, out);
    else out.set(name, value);
  }
  return out;
}

function messagesOf(locale: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const area of AREAS) flatten(readArea(locale, area), area, out);
  return out;
}

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: "argument",
  [TYPE.number]: "number",
  [TYPE.date]: "date",
  [TYPE.time]: "time",
  [TYPE.select]: "select",
  [TYPE.plural]: "plural",
  [TYPE.tag]: "tag",
};

/** The arguments of an ICU message: "name:kind" (plural and select options' arguments included). */
export function icuArguments(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      const kind = KIND[element.type];
      if (kind && "value" in element) found.add(`${element.value}:${kind}`);
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = messagesOf(SOURCE_LOCALE);

describe("message catalogues", () => {
  it("hold one file per area in every language, and nothing else", () => {
    for (const locale of LOCALES) {
      const files = fs.readdirSync(path.join(DIR, locale)).sort();
      expect(files, locale).toEqual(AREAS.map((area) => `${area}.json`).sort());
    }
    expect(fs.readdirSync(DIR).sort()).toEqual([...LOCALES].sort());
  });

  it("are written in ICU that parses, with string messages only", () => {
    expect(english.size).toBeGreaterThan(150);
    for (const locale of LOCALES)
      for (const [key, message] of messagesOf(locale)) {
        expect(typeof message, `${locale}: ${key}`).toBe("string");
        expect(() => parse(message as string), `${locale}: ${key}`).not.toThrow();
      }
  });

  for (const locale of LOCALES.filter((l) => l !== SOURCE_LOCALE)) {
    it(`${locale} has exactly English's keys`, () => {
      const keys = new Set(messagesOf(locale).keys());
      const missing = [...english.keys()].filter((key) => !keys.has(key));
      const extra = [...keys].filter((key) => !english.has(key));
      expect({ missing, extra }, `${locale}: translate the missing keys, remove the extra ones`).toEqual({
        missing: [],
        extra: [],
      });
    });

    it(`${locale} uses the same ICU arguments as English in every message`, () => {
      const different: string[] = [];
      for (const [key, message] of messagesOf(locale)) {
        const source = english.get(key);
        if (typeof source !== "string" || typeof message !== "string") continue;
        const want = icuArguments(source).join(", ");
        const got = icuArguments(message).join(", ");
        if (want !== got) different.push(`${key}: English has [${want}], ${locale} has [${got}]`);
      }
      expect(different).toEqual([]);
    });
  }

  it("a translation's ICU arguments are compared by name and kind", () => {
    expect(icuArguments("{n, plural, one {# day} other {# days}} for {name}")).toEqual(["n:plural", "name:argument"]);
    expect(icuArguments("{n} for {name}")).not.toEqual(icuArguments("{n, plural, other {#}} for {name}"));
    expect(icuArguments("<strong>{email}</strong> {d, date, short}")).toEqual([
      "d:date",
      "email:argument",
      "strong:tag",
    ]);
  });
});

describe("the pseudo-locale", () => {
  it("keeps every message's placeholders, tags and plural forms intact, accented and longer", () => {
    for (const [key, message] of english) {
      const pseudo = pseudoLocalize(message as string);
      expect(icuArguments(pseudo), key).toEqual(icuArguments(message as string));
      expect(pseudo.length, key).toBeGreaterThanOrEqual(Math.floor((message as string).length * 1.3));
    }
    const sample = pseudoLocalize(
      "Please wait {retryAfterMinutes, plural, one {# minute} other {# minutes}} for <strong>{email}</strong>; it's '{'ok'}'.",
    );
    expect(sample).toContain("{retryAfterMinutes, plural, one {# ");
    expect(sample).toContain("<strong>{email}</strong>");
    expect(sample).toContain("'{'");
    expect(sample).not.toMatch(/Please|minute/);
    expect(sample).toMatch(/^\[Ƥŀḗȧȧşḗḗ ẇȧȧīŧ/);
  });
});
