// The public request metrics page's figures (/privacy/metrics), cached: the aggregate
// over every privacy request costs ~250 ms at 10^5 requests, and a figure at most a
// minute old is correct enough for an annual report. Each process keeps its own copy;
// one caller computes while the others wait for the same answer.
import "server-only";
import { getLegalRequestMetrics, type LegalMetricsRow } from "../legal/public";
import { getRequestMetrics, type MetricsRow } from "../requests/metrics";

export const PUBLIC_METRICS_TTL_MS = 60_000;

export type PublicMetrics = { requests: MetricsRow[]; legal: LegalMetricsRow[] };

let cached: { at: number; value: Promise<PublicMetrics> } | null = null;
let refreshing: Promise<unknown> | null = null;

async function compute(): Promise<PublicMetrics> {
  const [requests, legal] = await Promise.all([getRequestMetrics(), getLegalRequestMetrics()]);
  return { requests, legal };
}

/**
 * Figures at most PUBLIC_METRICS_TTL_MS old (plus one computation): once they are older, the
 * next view starts a new computation and is answered with the old figures meanwhile, so only
 * the very first view waits. A failed computation is not kept.
 */
export function getPublicRequestMetrics(options: { clock?: () => number } = {}): Promise<PublicMetrics> {
  const clock = options.clock ?? Date.now;
  const at = clock();
  if (!cached) {
    const entry = { at, value: compute() };
    cached = entry;
    entry.value.catch(() => {
      if (cached === entry) cached = null;
    });
    return entry.value;
  }
  if (at - cached.at >= PUBLIC_METRICS_TTL_MS && !refreshing) {
    refreshing = compute()
      .then((value) => {
        cached = { at, value: Promise.resolve(value) };
      })
      .catch(() => {
        // Keep the old figures; the next view tries again.
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return cached.value;
}

/** The next view computes afresh (after an admin registers a request; tests and benchmarks). */
export function forgetPublicRequestMetrics() {
  cached = null;
}
