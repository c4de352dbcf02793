import { describe, expect, it } from "vitest";
import { addOneMonth } from "./dates";

describe("addOneMonth", () => {
  it("adds a calendar month", () => {
    expect(addOneMonth(new Date("2026-11-23T10:00:00Z")).toISOString()).toBe("2026-12-23T10:00:00.000Z");
    expect(addOneMonth(new Date("2026-12-15T00:00:00Z")).toISOString()).toBe("2027-01-15T00:00:00.000Z");
  });
  it("clamps to the end of a shorter month", () => {
    expect(addOneMonth(new Date("2027-01-31T12:00:00Z")).toISOString()).toBe("2027-02-28T12:00:00.000Z");
    expect(addOneMonth(new Date("2028-01-31T12:00:00Z")).toISOString()).toBe("2028-02-29T12:00:00.000Z");
  });
});
