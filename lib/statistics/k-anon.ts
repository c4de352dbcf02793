// The k-anonymity rule of the public statistics (/privacy/statistics). Pure: no
// database, so the property test (k-anon.test.ts) can hold it to its promises.
//
// Input: for one week and one question (e.g. "which product version"), the set of
// distinct installs behind each answer. Output: what may be published.
//   1. A week with fewer than k installs in total publishes nothing.
//   2. An answer given by fewer than k installs is not shown on its own: it is
//      merged into "other", and when "other" itself holds fewer than k distinct
//      installs it is suppressed too (the page says how many answers were left out).
//   3. Every published count is rounded down to a multiple of k.
// Rule 3 is what defeats differencing: the difference of any two published counts
// (two cells of one week, a cell and the total, the same cell in two weeks) is a
// multiple of k, so it is either 0 or at least k: it can never single out a group
// of 1..k-1 installs. Rules 1-2 make every published cell stand for >= k installs.

export type Groups = ReadonlyMap<string, ReadonlySet<string>>;

export type PublishedCell = { label: string; count: number };
export type PublishedTable = {
  /** Nothing published (fewer than k installs this week). */
  suppressed: boolean;
  cells: PublishedCell[];
  /** Installs behind the merged small answers, when at least k (rounded); null when suppressed or empty. */
  other: number | null;
  /** How many answers were merged into "other" or suppressed with it. */
  mergedAnswers: number;
  /** Distinct installs this week (rounded), null when suppressed. */
  total: number | null;
};

export const OTHER_LABEL = "Other";

export const roundDown = (count: number, k: number) => Math.floor(count / k) * k;

function union(sets: Iterable<ReadonlySet<string>>): Set<string> {
  const all = new Set<string>();
  for (const set of sets) for (const value of set) all.add(value);
  return all;
}

/**
 * What one week's table may show. The rule is the same whether each install gives one
 * answer (versions) or several (features used); "other" counts distinct installs.
 */
export function publishTable(groups: Groups, k: number): PublishedTable {
  if (!Number.isInteger(k) || k < 2) throw new Error("k must be an integer of at least 2");
  const everyone = union(groups.values());
  if (everyone.size < k) return { suppressed: true, cells: [], other: null, mergedAnswers: groups.size, total: null };
  const entries = [...groups.entries()].filter(([, installs]) => installs.size > 0);
  // Largest first (ties by label, so the result does not depend on input order).
  entries.sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const shown = entries.filter(([, installs]) => installs.size >= k);
  const merged = entries.filter(([, installs]) => installs.size < k);
  // Distinct installs behind the small answers (an install may have given several).
  const other = union(merged.map(([, installs]) => installs));
  return {
    suppressed: false,
    cells: shown.map(([label, installs]) => ({ label, count: roundDown(installs.size, k) })),
    other: other.size >= k ? roundDown(other.size, k) : null,
    mergedAnswers: merged.length,
    total: roundDown(everyone.size, k),
  };
}

/** Every number a published table shows (for checks and the property test). */
export function publishedNumbers(table: PublishedTable): number[] {
  return [
    ...table.cells.map((cell) => cell.count),
    ...(table.other !== null ? [table.other] : []),
    ...(table.total !== null ? [table.total] : []),
  ];
}
