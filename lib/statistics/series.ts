// The weekly statistics as series for charts (weeks on the x axis): one series per
// answer published in any week, plus "Other", with a week that published nothing
// marked as such (never drawn as a zero: nothing is known about it).
import { OTHER_LABEL, type PublishedTable } from "./k-anon";

export type WeeklySeries = {
  /** Answers in the order drawn: the most installs over all weeks first, "Other" last. */
  labels: string[];
  weeks: {
    start: Date;
    /** Nothing published this week (fewer than k installs). */
    suppressed: boolean;
    /** Installs that reported this week (rounded down to a multiple of k), null when suppressed. */
    total: number | null;
    /** values[label index]: installs with that answer; 0 when the answer was not published that week. */
    values: number[];
  }[];
};

export function toWeeklySeries(weeks: { start: Date; table: PublishedTable }[]): WeeklySeries {
  const sums = new Map<string, number>();
  let hasOther = false;
  for (const { table } of weeks) {
    for (const cell of table.cells) sums.set(cell.label, (sums.get(cell.label) ?? 0) + cell.count);
    if (table.other !== null) hasOther = true;
  }
  const labels = [...sums.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([label]) => label);
  if (hasOther) labels.push(OTHER_LABEL);
  return {
    labels,
    weeks: weeks.map(({ start, table }) => {
      const byLabel = new Map(table.cells.map((cell) => [cell.label, cell.count]));
      if (table.other !== null) byLabel.set(OTHER_LABEL, table.other);
      return {
        start,
        suppressed: table.suppressed,
        total: table.total,
        values: labels.map((label) => byLabel.get(label) ?? 0),
      };
    }),
  };
}
