// .env.example documents every variable lib/core/env.ts reads.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

describe(".env.example", () => {
  it("lists every variable of lib/core/env.ts", () => {
    const schema = fs.readFileSync("lib/core/env.ts", "utf8");
    const read = new Set([...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]));
    read.delete("NODE_ENV");
    const documented = new Set(
      [...fs.readFileSync(".env.example", "utf8").matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]),
    );
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });
});
