// The weekly statistics as chart series: answers in a stable order, "Other" last, a
// week that published nothing marked (not drawn as zeros).
import { describe, expect, it } from "vitest";
import { publishTable } from "./k-anon";
import { toWeeklySeries } from "./series";

const installs = (prefix: string, count: number) => new Set(Array.from({ length: count }, (_, i) => `${prefix}${i}`));

describe("toWeeklySeries", () => {
  it("keeps every published answer, zero where a week did not publish it, and marks empty weeks", () => {
    const k = 10;
    const week1 = publishTable(
      new Map([
        ["2.1", installs("a", 25)],
        ["2.0", installs("b", 12)],
        ["1.9", installs("c", 3)],
      ]),
      k,
    );
    const week2 = publishTable(new Map([["2.1", installs("a", 4)]]), k); // fewer than k: nothing
    const week3 = publishTable(
      new Map([
        ["2.2", installs("d", 40)],
        ["2.1", installs("a", 10)],
      ]),
      k,
    );
    const series = toWeeklySeries([
      { start: new Date("2026-11-02T00:00:00Z"), table: week1 },
      { start: new Date("2026-11-09T00:00:00Z"), table: week2 },
      { start: new Date("2026-11-16T00:00:00Z"), table: week3 },
    ]);
    expect(series.labels).toEqual(["2.2", "2.1", "2.0"]); // "1.9" was suppressed with a too-small "Other"
    expect(series.weeks.map((week) => week.values)).toEqual([
      [0, 20, 10],
      [0, 0, 0],
      [40, 10, 0],
    ]);
    expect(series.weeks.map((week) => week.suppressed)).toEqual([false, true, false]);
    expect(series.weeks[1].total).toBeNull();
    for (const week of series.weeks) for (const value of week.values) expect(value % k).toBe(0);
  });

  it("puts Other last when a week merged enough small answers", () => {
    const small = new Map(Array.from({ length: 12 }, (_, i) => [`v${i}`, installs(`s${i}`, 1)] as const));
    const series = toWeeklySeries([{ start: new Date("2026-11-02T00:00:00Z"), table: publishTable(small, 10) }]);
    expect(series.labels).toEqual(["Other"]);
    expect(series.weeks[0].values).toEqual([10]);
  });
});
