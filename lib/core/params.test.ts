// The one validation layer for what arrives in URLs and forms: hostile values
// (NUL, impossible or far dates, ids past bigint, repeated params) are refused or
// dropped before any query runs.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { breachSchema } from "../breaches/schema";
import { AppError } from "./errors";
import { legalRequestSchema } from "../legal/schema";
import { fieldsWithControlCharacters, parseDay } from "./form";
import {
  bigintParam,
  dayParam,
  idParam,
  parseParams,
  parseQuery,
  parseRouteParams,
  parseSearchParams,
  positiveIntParam,
  slugParam,
  textParam,
} from "./params";

describe("parseDay", () => {
  it.each(["2024-02-29", "1900-01-01", "9999-12-31", "2026-11-20"])("accepts the real day %s", (value) => {
    expect(parseDay(value)?.toISOString().slice(0, 10)).toBe(value);
  });
  it.each([
    "2024-13-45",
    "2024-02-30",
    "2023-02-29",
    "0000-00-00",
    "1899-12-31",
    "275760-09-13",
    "+275760-09-13",
    "2024-1-1",
    "2024-01-01T00:00:00Z",
    "",
    " 2024-01-01x",
  ])("refuses %j", (value) => {
    expect(parseDay(value)).toBeNull();
  });
});

describe("URL param schemas", () => {
  it("refuse control characters and bound lengths", () => {
    for (const value of ["\u0000", "a\u0000b", "\u001b[2J", "x\u007f", "a\nb"])
      expect(textParam().safeParse(value).success, JSON.stringify(value)).toBe(false);
    expect(textParam(10).safeParse("x".repeat(11)).success).toBe(false);
    expect(textParam().parse("  ok  ")).toBe("ok");
    expect(idParam().safeParse("\u0000").success).toBe(false);
    expect(idParam().safeParse("clx0abc_12-3").success).toBe(true);
    expect(slugParam().safeParse("privacy").success).toBe(true);
    expect(slugParam().safeParse("../etc").success).toBe(false);
  });

  it("range-check numbers: integers for PostgreSQL integer, ids for bigint", () => {
    expect(positiveIntParam().safeParse("99999999999999999999").success).toBe(false);
    expect(positiveIntParam().safeParse("2147483648").success).toBe(false);
    expect(positiveIntParam().parse("2147483647")).toBe(2147483647);
    for (const value of ["0", "-1", "1.5", "1e3", "0x1F", "NaN", ""])
      expect(positiveIntParam().safeParse(value).success, value).toBe(false);
    expect(bigintParam().safeParse("9223372036854775807").success).toBe(true);
    expect(bigintParam().safeParse("9223372036854775808").success).toBe(false);
    expect(bigintParam().safeParse("99999999999999999999").success).toBe(false);
    for (const value of ["abc", "WyIyMDI0Il0", "1.5", "-1", " ", "1 2"])
      expect(bigintParam().safeParse(value).success, value).toBe(false);
    expect(dayParam().safeParse("2024-02-30").success).toBe(false);
  });
});

describe("parseSearchParams", () => {
  const schema = z.object({
    from: dayParam().optional(),
    page: positiveIntParam(100).default(1),
    q: textParam(50).optional(),
  });

  it("keeps the good fields, drops the bad ones to their default and names them", () => {
    const { data, invalid } = parseSearchParams(schema, { from: "2024-02-30", page: "7", q: "a\u0000" });
    expect(data).toEqual({ from: undefined, page: 7, q: undefined });
    expect(invalid.sort()).toEqual(["from", "q"]);
  });

  it("reads the first of a repeated param, treats empty as missing and ignores unknown ones", () => {
    expect(parseSearchParams(schema, { page: ["3", "oops"], from: "", other: "\u0000" })).toEqual({
      data: { from: undefined, page: 3, q: undefined },
      invalid: [],
    });
    expect(parseSearchParams(schema, { page: "99999999999999999999" })).toEqual({
      data: { from: undefined, page: 1, q: undefined },
      invalid: ["page"],
    });
  });
});

describe("route params", () => {
  const schema = z.object({ id: idParam() });

  it("a page answers 404 for a param the schema refuses", () => {
    expect(parseParams(schema, { id: "abc" })).toEqual({ id: "abc" });
    expect(() => parseParams(schema, { id: "\u0000" })).toThrow(
      expect.objectContaining({ digest: expect.stringContaining("404") }),
    );
  });

  it("a route handler throws the AppError it chose (404 for ids, 400 for queries)", () => {
    expect(() => parseRouteParams(schema, { id: "\u0000" })).toThrow(AppError);
    expect(() => parseRouteParams(schema, { id: "\u0000" }, new AppError("NOT_FOUND", { reason: "EXPORT" }))).toThrow(
      "NOT_FOUND:EXPORT",
    );
    const query = z.object({ to: textParam(20).optional() });
    expect(parseQuery(query, "http://x/api?to=a%40b")).toEqual({ to: "a@b" });
    expect(() => parseQuery(query, "http://x/api?to=%00")).toThrow("VALIDATION:BAD_QUERY");
  });
});

describe("forms", () => {
  it("name every field carrying a control character (tab and line breaks are text)", () => {
    expect(
      fieldsWithControlCharacters({
        name: "Al\u0000ice",
        note: "line 1\r\n\tline 2",
        tags: ["ok", "b\u0007d"],
        empty: undefined,
      }),
    ).toEqual(["name", "tags"]);
  });

  it("breach and legal-request dates are real days between 1900 and 9999", () => {
    const breach = {
      title: "Lost laptop",
      whatHappened: "A laptop with exports was stolen from a car.",
      occurredFrom: "2026-01-02",
      discoveredAt: "2026-01-03",
      dataInvolved: "Server logs",
      whatWeDid: "Revoked its keys.",
      whatToDo: "Nothing needed.",
      contact: "privacy@example.com",
      audience: "CATEGORIES",
      categories: "server-logs",
    };
    expect(breachSchema.safeParse(breach).success).toBe(true);
    for (const [field, value] of [
      ["audienceTo", "275760-09-13"],
      ["audienceFrom", "0000-00-00"],
      ["occurredTo", "2026-02-30"],
      ["discoveredAt", "+020000-01-01"],
    ] as const) {
      const parsed = breachSchema.safeParse({ ...breach, [field]: value });
      expect(parsed.success, `${field}=${value}`).toBe(false);
      expect(z.flattenError(parsed.error!).fieldErrors[field]?.[0], field).toMatch(/between 1900 and 9999/);
    }
    expect(breachSchema.parse({ ...breach, audienceTo: "2026-01-31" }).audienceTo?.toISOString()).toBe(
      "2026-01-31T00:00:00.000Z",
    );
    const legal = {
      authority: "Court",
      legalBasis: "Subpoena 12",
      receivedAt: "2026-02-30",
      people: "a@example.com",
      dataRequested: "Logs",
      decision: "REFUSED",
    };
    expect(z.flattenError(legalRequestSchema.safeParse(legal).error!).fieldErrors.receivedAt?.[0]).toMatch(
      /between 1900 and 9999/,
    );
  });
});
