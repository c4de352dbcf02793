import { describe, expect, it } from "vitest";
import { isUnderMinimumAge } from "./age";

const now = new Date("2026-11-23T12:00:00Z");

describe("isUnderMinimumAge", () => {
  it("treats anyone who might still be 12 as under 13", () => {
    expect(isUnderMinimumAge({ year: 2016, month: 1 }, now)).toBe(true);
    expect(isUnderMinimumAge({ year: 2013, month: 11 }, now)).toBe(true); // turns 13 some day this month
    expect(isUnderMinimumAge({ year: 2013, month: 12 }, now)).toBe(true);
  });
  it("admits people whose 13th birthday has certainly passed", () => {
    expect(isUnderMinimumAge({ year: 2013, month: 10 }, now)).toBe(false);
    expect(isUnderMinimumAge({ year: 1990, month: 6 }, now)).toBe(false);
  });
});
