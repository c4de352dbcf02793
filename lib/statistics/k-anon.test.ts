// Property test of the k-anonymity rule: whatever the telemetry looks like, no
// published cell stands for fewer than k installs, and no difference between two
// published numbers (two cells of a week, a cell and "other" or the total, the
// same cell in two weeks) lies between 1 and k-1, i.e. none reveals a small group.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { publishedNumbers, publishTable, type Groups, type PublishedTable } from "./k-anon";

const LABELS = ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8"];

/** One week: installs i0..iN, each with one answer (partition) or a set of answers. */
const week = (partition: boolean) =>
  fc
    .array(partition ? fc.constantFrom(...LABELS).map((label) => [label]) : fc.subarray(LABELS), { maxLength: 80 })
    .map((answers) => {
      const groups = new Map<string, Set<string>>();
      answers.forEach((labels, index) => {
        for (const label of labels) {
          if (!groups.has(label)) groups.set(label, new Set());
          groups.get(label)!.add(`i${index}`);
        }
      });
      return groups as Groups;
    });

function checkTable(groups: Groups, table: PublishedTable, k: number) {
  const everyone = new Set([...groups.values()].flatMap((set) => [...set]));
  if (table.suppressed) {
    expect(publishedNumbers(table)).toEqual([]);
    return;
  }
  expect(everyone.size).toBeGreaterThanOrEqual(k);
  for (const cell of table.cells) {
    // The cell's true group has at least k installs, and its count never exceeds it.
    const truth = groups.get(cell.label)!.size;
    expect(truth).toBeGreaterThanOrEqual(k);
    expect(cell.count).toBeLessThanOrEqual(truth);
  }
  if (table.other !== null) {
    const shown = new Set(table.cells.map((cell) => cell.label));
    const otherTruth = new Set(
      [...groups.entries()].filter(([label]) => !shown.has(label)).flatMap(([, set]) => [...set]),
    );
    expect(otherTruth.size).toBeGreaterThanOrEqual(k);
  }
  const numbers = publishedNumbers(table);
  for (const value of numbers) expect(value === 0 || value >= k).toBe(true);
  for (const a of numbers)
    for (const b of numbers) {
      const difference = Math.abs(a - b);
      expect(difference === 0 || difference >= k).toBe(true);
    }
}

describe("k-anonymous weekly tables", () => {
  for (const partition of [true, false]) {
    it(`no published cell or difference reveals fewer than k installs (${partition ? "one answer per install" : "several answers per install"})`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 2, max: 15 }), week(partition), week(partition), (k, first, second) => {
          const a = publishTable(first, k);
          const b = publishTable(second, k);
          checkTable(first, a, k);
          checkTable(second, b, k);
          // Across two published weeks: the same cell, "other" and the totals.
          const pairs: [number | null, number | null][] = [
            [a.total, b.total],
            [a.other, b.other],
          ];
          for (const cell of a.cells)
            pairs.push([cell.count, b.cells.find((candidate) => candidate.label === cell.label)?.count ?? null]);
          for (const [x, y] of pairs) {
            if (x === null || y === null) continue;
            const difference = Math.abs(x - y);
            expect(difference === 0 || difference >= k).toBe(true);
          }
          // And any published number of one week against any of the other.
          for (const x of publishedNumbers(a))
            for (const y of publishedNumbers(b)) expect(Math.abs(x - y) === 0 || Math.abs(x - y) >= k).toBe(true);
        }),
        { numRuns: 500 },
      );
    });
  }

  it("publishes nothing for a week with fewer than k installs", () => {
    const groups = new Map([["v1", new Set(["a", "b", "c"])]]);
    expect(publishTable(groups, 10)).toMatchObject({ suppressed: true, cells: [], total: null });
  });

  it("merges small answers into other and rounds down to multiples of k", () => {
    const ids = (prefix: string, n: number) => new Set(Array.from({ length: n }, (_, i) => `${prefix}${i}`));
    const groups = new Map([
      ["v1", ids("a", 23)],
      ["v2", ids("b", 12)],
      ["v3", ids("c", 6)],
      ["v4", ids("d", 5)],
    ]);
    expect(publishTable(groups, 10)).toEqual({
      suppressed: false,
      cells: [
        { label: "v1", count: 20 },
        { label: "v2", count: 10 },
      ],
      other: 10,
      mergedAnswers: 2,
      total: 40,
    });
  });

  it("suppresses other when the small answers together come from fewer than k installs", () => {
    const ids = (prefix: string, n: number) => new Set(Array.from({ length: n }, (_, i) => `${prefix}${i}`));
    const groups = new Map([
      ["v1", ids("a", 30)],
      ["v2", ids("b", 11)],
      ["v3", ids("c", 3)],
      ["v4", ids("d", 2)],
    ]);
    expect(publishTable(groups, 10)).toEqual({
      suppressed: false,
      cells: [
        { label: "v1", count: 30 },
        { label: "v2", count: 10 },
      ],
      other: null,
      mergedAnswers: 2,
      total: 40,
    });
  });

  it("counts an install once in other, however many small answers it gave", () => {
    const ids = (prefix: string, n: number) => new Set(Array.from({ length: n }, (_, i) => `${prefix}${i}`));
    const groups = new Map([
      ["deploy", ids("a", 25)],
      ["gpu", ids("a", 6)],
      ["arm", ids("a", 6)],
    ]);
    expect(publishTable(groups, 10)).toMatchObject({
      cells: [{ label: "deploy", count: 20 }],
      other: null,
      mergedAnswers: 2,
      total: 20,
    });
  });
});
