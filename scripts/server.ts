// The web server: Next.js behind a plain node:http server that computes the
// client's address from the connection and TRUST_PROXY_HOPS (lib/auth/client-ip.ts)
// and passes it on in a header it always overwrites, so no client can choose the
// address that per-IP limits and audit rows see. Started by scripts/launch.ts.
//   PORT=3000 NODE_ENV=production tsx scripts/server.ts
// SIGTERM drains: /api/ready turns 503, no new connections are taken, requests in
// progress are answered, accepted telemetry is committed, then the process exits.
import next from "next";
import { CLIENT_IP_HEADER, clientIpFrom } from "../lib/auth/client-ip";
import { isDraining } from "../lib/core/lifecycle";
import { log } from "../lib/core/log";
import { handleWithRequestLog } from "../lib/core/access-log";
import { bypassCacheForTestClock, serveFromFrontCache, withPublicPageHeaders } from "../lib/core/public-pages";
import { isTestClockAllowedFor, TEST_CLOCK_HEADER } from "../lib/core/clock";
import { env } from "../lib/core/env";
import { createDrainableServer } from "./lib/drainable-server";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const dev = process.env.NODE_ENV !== "production";
const hops = Number(process.env.TRUST_PROXY_HOPS || 0);
/** Longest a drain may take before the process exits anyway. */
const drainMs = Number(process.env.SHUTDOWN_TIMEOUT_MS || 20_000);

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const web = createDrainableServer((request, response) => {
  request.headers[CLIENT_IP_HEADER] = clientIpFrom({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    hops,
  });
  handleWithRequestLog(request, response, () => {
    // Public pages: answered from the front cache, or by Next.js with the hashes of their
    // inline scripts filled into the CSP and Cache-Control public (lib/core/public-pages.ts).
    if (serveFromFrontCache(request, response)) return;
    withPublicPageHeaders(request, response);
    if (request.headers[TEST_CLOCK_HEADER] && isTestClockAllowedFor(env())) bypassCacheForTestClock(request);
    void handle(request, response);
  });
});
web.server.listen(port, hostname, () =>
  log.info(`web server ready on port ${port}`, { host: hostname, port, trustProxyHops: hops }),
);

async function stop(signal: string) {
  if (isDraining()) return;
  log.info("draining", { signal, active: web.active });
  await web.drain(drainMs);
  // The telemetry route's batches (if this process took any): answered only once committed.
  const { existingIngestStore } = await import("../lib/telemetry/instance");
  await existingIngestStore()?.close();
  log.info("stopped", { signal, unanswered: web.active });
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
