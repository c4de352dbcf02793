import { describe, expect, it } from "vitest";
import { breachRecipientsSql } from "./audience";

describe("breach recipients SQL", () => {
  it("numbers its parameters after the caller's", () => {
    const list = breachRecipientsSql({ kind: "LIST", emails: ["A@Example.com"] }, 3);
    expect(list.from).toContain("$3::text[]");
    expect(list.params).toEqual([["a@example.com"]]);
  });

  it("selects category holders within an inclusive date range, one EXISTS per dataset", () => {
    const from = new Date("2026-03-01T00:00:00Z");
    const to = new Date("2026-03-31T00:00:00Z");
    const sql = breachRecipientsSql({ kind: "CATEGORIES", categories: ["email", "no-such-category"], from, to }, 1);
    expect(sql.params).toEqual([from, new Date("2026-04-01T00:00:00Z")]);
    expect(sql.from.match(/EXISTS/g)).toHaveLength(2); // EmailSubscription and EmailEvent
    expect(sql.from).toContain(`t."createdAt" >= $1 AND t."createdAt" < $2`);
    expect(sql.from).toContain(`t."occurredAt" >= $1 AND t."occurredAt" < $2`);
  });

  it("selects nobody for no known category, and everyone for ALL", () => {
    expect(breachRecipientsSql({ kind: "CATEGORIES", categories: ["nope"], from: null, to: null }).from).toContain(
      "WHERE false",
    );
    expect(breachRecipientsSql({ kind: "ALL" })).toEqual({ from: `"User" u`, params: [] });
  });
});
