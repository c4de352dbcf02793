// The layers of lib/ (README, "Architecture"): the order is written once for
// ESLint (DOMAIN_ORDER in eslint.config.mjs) and once for people (the README);
// they must agree, every folder of lib/ must have its place, and the lint rules
// must refuse an import that runs back up, a dynamic import and a cycle.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const BELOW_DOMAINS = ["core", "generated"];
const ABOVE_DOMAINS = ["actions"];
const eslint = new ESLint();

type Zone = { target: string | string[]; except?: string[] };

/** The domain order as ESLint enforces it: a domain's zone lets it import the domains below it. */
async function enforcedOrder(): Promise<string[]> {
  const config = await eslint.calculateConfigForFile("lib/audit/record.ts");
  const [, options] = config.rules["import/no-restricted-paths"] as [unknown, { zones: Zone[] }];
  return options.zones
    .filter(
      (zone) =>
        typeof zone.target === "string" && /^\.\/lib\/[a-z-]+$/.test(zone.target) && zone.target !== "./lib/core",
    )
    .sort((a, b) => (a.except?.length ?? 0) - (b.except?.length ?? 0))
    .map((zone) => (zone.target as string).slice("./lib/".length));
}

describe("architecture", () => {
  it("places every folder of lib/ in the written order, and the README shows the same order", async () => {
    const DOMAIN_ORDER = await enforcedOrder();
    expect(DOMAIN_ORDER.length).toBeGreaterThan(10);
    const folders = fs
      .readdirSync("lib", { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.readdirSync(`lib/${entry.name}`, { recursive: true }).length > 0)
      .map((entry) => entry.name);
    const unplaced = folders.filter(
      (name) => !BELOW_DOMAINS.includes(name) && !ABOVE_DOMAINS.includes(name) && !DOMAIN_ORDER.includes(name),
    );
    expect(unplaced, "add these folders to DOMAIN_ORDER (eslint.config.mjs) and the README").toEqual([]);
    const readme = fs.readFileSync("README.md", "utf8");
    const lines = readme.split("\n");
    const start = lines.findIndex((text) => text.startsWith("Domain order (lowest first):"));
    expect(start, "README: the paragraph starting with 'Domain order (lowest first):'").toBeGreaterThan(0);
    const end = lines.findIndex((text, index) => index > start && (text === "" || text.startsWith("- ")));
    const written = [
      ...lines
        .slice(start, end)
        .join(" ")
        .matchAll(/`([a-z-]+)\/`/g),
    ].map((match) => match[1]);
    expect(written).toEqual(["core", ...DOMAIN_ORDER]);
  });

  it("refuses imports that run back up, dynamic imports of project files and cycles", async () => {
    // Each probe stands in for an existing file's text (import/no-cycle reads the files on disk).
    const lint = async (filePath: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath });
      return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
    };
    // audit is the lowest domain: requests (higher) and the app-facing dal are out of bounds, in either import style.
    const up = await lint(
      "lib/audit/browse.ts",
      'import { listRequestQueue } from "../requests/admin";\nimport { getViewer } from "@/lib/dal";\nexport const probe = [listRequestQueue, getViewer];\n',
    );
    expect(up).toEqual([
      expect.stringMatching(/^import\/no-restricted-paths: .*lib\/audit\/ may import lib\/core\//),
      expect.stringMatching(/^import\/no-restricted-paths: /),
    ]);
    const core = await lint(
      "lib/core/html.ts",
      'import { recordAudit } from "../audit/record";\nexport const probe = recordAudit;\n',
    );
    expect(core).toEqual([
      expect.stringMatching(/^import\/no-restricted-paths: .*lib\/core\/ stands below every domain/),
    ]);
    const dynamic = await lint(
      "lib/requests/catalog.ts",
      'export async function probe() {\n  return import("../export/queue");\n}\n',
    );
    expect(dynamic).toEqual([expect.stringMatching(/^no-restricted-syntax: No `await import\(\)`/)]);
    // Downward imports are fine: requests sits above export and audit.
    expect(
      await lint(
        "lib/requests/catalog.ts",
        'import { enqueueExport } from "../export/queue";\nimport { recordAudit } from "@/lib/audit/record";\nexport const probe = [enqueueExport, recordAudit];\n',
      ),
    ).toEqual([]);
    // A cycle needs files on disk (import/no-cycle reads the import graph from them): two that import each other.
    const [a, b] = ["a", "b"].map((name) => `lib/email/cycle-probe-${process.pid}-${name}.ts`);
    try {
      fs.writeFileSync(a, `import { b } from "./${path.basename(b, ".ts")}";\nexport const a = () => b;\n`);
      fs.writeFileSync(b, `import { a } from "./${path.basename(a, ".ts")}";\nexport const b = () => a;\n`);
      expect(await lint(a, fs.readFileSync(a, "utf8"))).toEqual([
        expect.stringMatching(/^import\/no-cycle: Dependency cycle/),
      ]);
    } finally {
      fs.rmSync(a, { force: true });
      fs.rmSync(b, { force: true });
    }
  }, 120_000);
});
