// In-process counters (no database): what only the process that did the work
// knows. Everything that lives in the database is read at scrape time instead
// (lib/metrics/registry.ts), so every instance reports the same shared figures.
import client from "prom-client";

const globalForMetrics = globalThis as unknown as {
  __portalMetrics?: { registry: client.Registry; ingest: client.Counter<"outcome"> };
};

export function processMetrics() {
  if (!globalForMetrics.__portalMetrics) {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry, prefix: "portal_process_" });
    const ingest = new client.Counter({
      name: "portal_ingest_reports_total",
      help: "Telemetry reports answered by this process: accepted (202, stored), discarded (200, opted out), refused (503, not stored), rejected (4xx)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    });
    globalForMetrics.__portalMetrics = { registry, ingest };
  }
  return globalForMetrics.__portalMetrics;
}

export function countIngestOutcome(status: number) {
  const outcome = status === 202 ? "accepted" : status === 200 ? "discarded" : status === 503 ? "refused" : "rejected";
  processMetrics().ingest.inc({ outcome });
}
