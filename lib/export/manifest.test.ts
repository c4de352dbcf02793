import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildManifest, verifyManifest } from "./manifest";

const sha = (value: string) => createHash("sha256").update(value).digest("hex");

describe("manifest", () => {
  const files = {
    "a.json": Buffer.from('[{"x":1}]'),
    "a.csv": Buffer.from("x\r\n1\r\n"),
    "summary.html": Buffer.from("<html></html>"),
  };
  const manifest = buildManifest({
    exportId: "e1",
    generatedAt: new Date("2026-11-20T00:00:00Z"),
    userId: "u1",
    email: "a@example.com",
    files: [
      {
        path: "a.json",
        category: "c",
        dataset: "a",
        format: "json",
        rows: 1,
        bytes: files["a.json"].length,
        sha256: sha(files["a.json"].toString()),
      },
      {
        path: "a.csv",
        category: "c",
        dataset: "a",
        format: "csv",
        rows: 1,
        bytes: files["a.csv"].length,
        sha256: sha(files["a.csv"].toString()),
      },
      {
        path: "summary.html",
        category: null,
        dataset: null,
        format: "html",
        rows: null,
        bytes: files["summary.html"].length,
        sha256: sha(files["summary.html"].toString()),
      },
    ],
  });

  it("counts each dataset's rows once and sorts files", () => {
    expect(manifest.totals).toEqual({ rows: 1, files: 3 });
    expect(manifest.files.map((file) => file.path)).toEqual(["a.csv", "a.json", "summary.html"]);
    expect(manifest.generatedAt).toBe("2026-11-20T00:00:00.000Z");
  });

  it("verifies matching files and reports tampering, truncation and missing files", () => {
    expect(verifyManifest(manifest, (path) => files[path as keyof typeof files])).toEqual([]);
    expect(
      verifyManifest(manifest, (path) =>
        path === "a.csv" ? Buffer.from("x\r\n2\r\n") : files[path as keyof typeof files],
      ),
    ).toEqual(["a.csv: sha256 mismatch"]);
    expect(
      verifyManifest(manifest, (path) => (path === "a.json" ? undefined : files[path as keyof typeof files])),
    ).toEqual(["a.json: missing"]);
  });

  it("refuses duplicate paths and malformed hashes", () => {
    const file = {
      path: "a.json",
      category: "c",
      dataset: "a",
      format: "json" as const,
      rows: 1,
      bytes: 1,
      sha256: sha("x"),
    };
    expect(() =>
      buildManifest({ exportId: "e", generatedAt: new Date(), userId: "u", email: "e", files: [file, file] }),
    ).toThrow(/duplicate/);
    expect(() =>
      buildManifest({
        exportId: "e",
        generatedAt: new Date(),
        userId: "u",
        email: "e",
        files: [{ ...file, sha256: "nope" }],
      }),
    ).toThrow(/sha256/);
  });
});
