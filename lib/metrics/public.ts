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

async function compute(): Promise<PublicMetrics> {
  const [requests, legal] = await Promise.all([getRequestMetrics(), getLegalRequestMetrics()]);
  return { requests, legal };
}

/** At most PUBLIC_METRICS_TTL_MS old; a failed computation is not kept. */
export function getPublicRequestMetrics(options: { clock?: () => number } = {}): Promise<PublicMetrics> {
  const at = (options.clock ?? Date.now)();
  if (cached && at - cached.at < PUBLIC_METRICS_TTL_MS) return cached.value;
  const entry = { at, value: compute() };
  cached = entry;
  entry.value.catch(() => {
    if (cached === entry) cached = null;
  });
  return entry.value;
}

/** Tests and benchmarks: forget the cached figures. */
export function forgetPublicRequestMetrics() {
  cached = null;
}
