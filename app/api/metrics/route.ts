// GET /api/metrics: Prometheus text format for operators. Needs
// `Authorization: Bearer $METRICS_TOKEN`; without METRICS_TOKEN it is 404.
import { metricsAccess, metricsRegistry } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") return new Response("Not found", { status: 404 });
  if (access === "denied")
    return new Response("Unauthorized", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  const registry = metricsRegistry({ database: true });
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
