// Domain failures reach people as words from one catalogue, and routes answer
// them with the code's HTTP status: every reason thrown in the code has text.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeError } from "../../lib/actions/messages";
import { errorResponse } from "../../lib/actions/route";
import { AppError, APP_ERROR_CODES, HTTP_STATUS } from "../../lib/core/errors";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("AppError messages", () => {
  it("has its own words for every code and reason the code throws", () => {
    const thrown = new Set<string>();
    for (const file of [...sourceFiles("lib"), ...sourceFiles("app")]) {
      for (const match of fs
        .readFileSync(file, "utf8")
        .matchAll(/new AppError\("([A-Z_]+)", \{[^}]*?reason: "([A-Z_]+)"/g))
        thrown.add(`${match[1]}:${match[2]}`);
    }
    expect(thrown.size).toBeGreaterThan(20);
    const generic = new Set(APP_ERROR_CODES.map((code) => describeError(new AppError(code))));
    const missing = [...thrown].filter((key) => {
      const [code, reason] = key.split(":") as [AppError["code"], string];
      return generic.has(
        describeError(
          new AppError(code, {
            reason,
            params: {
              limit: 1,
              minDays: 1,
              topic: "x",
              retryAfterSeconds: 60,
              megabytes: 1,
              limitMb: 5,
              field: "x",
              minutes: 5,
              count: 2,
              emails: "x",
              until: "x",
            },
          }),
        ),
      );
    });
    expect(missing, "add these reasons to lib/actions/messages.ts").toEqual([]);
  });

  it("puts parameters into the words", () => {
    expect(
      describeError(new AppError("LIMIT_REACHED", { reason: "SIGN_IN_EMAIL", params: { retryAfterSeconds: 61 } })),
    ).toContain("2 minutes");
    expect(describeError(new AppError("LIMIT_REACHED", { reason: "EXPORTS_PER_DAY", params: { limit: 5 } }))).toContain(
      "up to 5 exports a day",
    );
    expect(describeError(new AppError("NOT_FOUND", { reason: "NO_SUCH_REASON" }))).toBe(
      describeError(new AppError("NOT_FOUND")),
    );
    expect(describeError(null)).toMatch(/went wrong on our side/);
  });

  it("speaks the request's language, with plurals through ICU", () => {
    const wait = (seconds: number) =>
      new AppError("LIMIT_REACHED", { reason: "SIGN_IN_EMAIL", params: { retryAfterSeconds: seconds } });
    expect(describeError(wait(30))).toContain("wait 1 minute and");
    expect(describeError(wait(30), "de")).toBe(
      "Für diese Adresse wurden zu viele Anmeldelinks angefordert. Bitte warten Sie 1 Minute und versuchen Sie es dann erneut.",
    );
    expect(describeError(wait(600), "de")).toContain("10 Minuten");
    expect(describeError(wait(600), "fr")).toContain("10 minutes");
    expect(describeError(wait(60), "es")).toContain("Espere 1 minuto y");
    expect(describeError(new AppError("NOT_FOUND", { reason: "NO_SUCH_REASON" }), "es")).toBe(
      "No hemos podido encontrarlo.",
    );
    expect(describeError(null, "fr")).toMatch(/de notre côté/);
    expect(
      describeError(new AppError("CONFLICT", { reason: "BREACH_RECIPIENTS_CHANGED", params: { count: 12345 } }), "de"),
    ).toContain("jetzt 12.345");
    expect(describeError(null, "en-XA")).toMatch(/^\[Ş/);
  });
});

describe("errorResponse", () => {
  it("answers each code with its status, a machine-readable code and the same words", async () => {
    for (const code of APP_ERROR_CODES) {
      const response = errorResponse(new AppError(code, { reason: "EXPORT" }));
      expect(response.status, code).toBe(HTTP_STATUS[code]);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = await response.json();
      expect(body).toEqual({
        error: code.toLowerCase(),
        reason: "export",
        message: describeError(new AppError(code, { reason: "EXPORT" })),
      });
    }
  });

  it("lets anything that is not an AppError through as a real failure", () => {
    expect(() => errorResponse(new Error("database down"))).toThrow("database down");
  });
});
