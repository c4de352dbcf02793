// Another person's "Your data" page (exact counts and the first server-log page)
// loaded in a loop while some work runs: how much the work slows other people.
import type pg from "pg";

type Queries = Pick<typeof import("../../lib/data/queries"), "countDatasets" | "listPage"> & {
  /** The server-log dataset (findDataset("server-logs").dataset), passed in so this module loads no app code before the caller sets the environment. */
  serverLogs: Parameters<(typeof import("../../lib/data/queries"))["listPage"]>[2];
};

export function pageProbe(reader: pg.Pool, userId: string, queries: Queries) {
  /** The page's queries in a loop until `done`; each iteration's duration (ms). */
  async function probe(done: () => boolean): Promise<number[]> {
    const times: number[] = [];
    while (!done()) {
      const started = performance.now();
      await Promise.all([
        queries.countDatasets(reader, userId),
        queries.listPage(reader, userId, queries.serverLogs, { direction: "first", limit: 50 }),
      ]);
      times.push(performance.now() - started);
    }
    return times;
  }
  /** Runs `work` with the page loading beside it: the work's duration and the page's timings. */
  async function timed(work: () => Promise<void>) {
    let finished = false;
    const probing = probe(() => finished);
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    finished = true;
    return { ms, page: await probing };
  }
  return { probe, timed };
}

export const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
