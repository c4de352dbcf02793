// Translated files (TRANSLATED_FILES in eslint.config.mjs) take every word people read from the
// catalogues: ESLint's react/jsx-no-literals refuses a literal in their JSX. Phase 2 of issue 22
// grows the list until it covers app/ and components/ (notes/issue-22.md).
import fs from "node:fs";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- the ESLint config is plain JavaScript, without types
import { TRANSLATED_FILES as LISTED } from "../../eslint.config.mjs";

const TRANSLATED_FILES = LISTED as string[];

const eslint = new ESLint();

async function literalProblems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "react/jsx-no-literals");
}

describe("no literal words in translated files", () => {
  it("lists files that exist", () => {
    expect(TRANSLATED_FILES.length).toBeGreaterThan(3);
    for (const file of TRANSLATED_FILES) expect(fs.existsSync(file), file).toBe(true);
  });

  it("refuses a literal word in the JSX of a translated file, as text or in an expression", async () => {
    const text = "export function A() {\n  return <p>Sign in</p>;\n}\n";
    const expression = 'export function A() {\n  return <p>{"Sign in"}</p>;\n}\n';
    expect(await literalProblems("components/site-header.tsx", text)).toHaveLength(1);
    expect(await literalProblems("components/site-header.tsx", expression)).toHaveLength(1);
  });

  it("lets catalogue words, symbols and props (class names, hrefs) through, and files not yet translated", async () => {
    const fine =
      'import { useTranslations } from "next-intl";\nexport function A() {\n  const t = useTranslations("common");\n  return <a className="underline" href="/x">{t("brand")} ·</a>;\n}\n';
    expect(await literalProblems("components/site-header.tsx", fine)).toEqual([]);
    const untranslated = "export function A() {\n  return <p>Sign in</p>;\n}\n";
    expect(await literalProblems("components/table.tsx", untranslated)).toEqual([]);
  });
});
