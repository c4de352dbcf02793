// Lean dedicated telemetry ingestion server: the same rules as POST
// /api/telemetry (lib/telemetry/ingest.ts) on a bare node:http server, for
// deployments that want ingestion off the web app's event loop.
//   DATABASE_URL=... AUTH_SECRET=... INGEST_PORT=3099 npm run ingest
// Routes: POST /api/telemetry (and POST /), GET /health.
import type http from "node:http";
import { describeError } from "../lib/actions/messages";
import { disconnectDb } from "../lib/core/db";
import { env } from "../lib/core/env";
import { handleIngest } from "../lib/telemetry/ingest";
import { clientIpFrom } from "../lib/auth/client-ip";
import { getIngestStore } from "../lib/telemetry/instance";
import { isDraining } from "../lib/core/lifecycle";
import { log } from "../lib/core/log";
import { handleWithRequestLog } from "../lib/core/access-log";
import { countIngestOutcome } from "../lib/metrics/counters";
import { metricsAccess, metricsRegistry } from "../lib/metrics/registry";
import { createDrainableServer } from "./lib/drainable-server";

const config = env();
const store = getIngestStore();
const deps = store.deps(describeError);

function clientIp(request: http.IncomingMessage): string | null {
  return clientIpFrom({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    hops: config.TRUST_PROXY_HOPS,
  });
}

function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? "0");
    if (declared > maxBytes) {
      request.resume();
      return resolve(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else if (!tooLarge) chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const ingest = createDrainableServer((request, response) =>
  handleWithRequestLog(request, response, () => void serve(request, response)),
);

async function serve(request: http.IncomingMessage, response: http.ServerResponse) {
  try {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/health") {
      response
        .writeHead(isDraining() ? 503 : 200, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: !isDraining(), pending: store.writer.pending }));
      return;
    }
    if (path === "/metrics") {
      // This process's own counters (accepted/discarded/refused reports); shared figures are on the app's /api/metrics.
      const access = metricsAccess(request.headers.authorization ?? null);
      if (access !== "ok") {
        response.writeHead(access === "disabled" ? 404 : 401).end();
        return;
      }
      const registry = metricsRegistry({ database: false });
      response.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
      return;
    }
    if (path !== "/api/telemetry" && path !== "/") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not_found"}');
      return;
    }
    const body = request.method === "POST" ? await readBody(request, deps.maxBytes) : "";
    const headers = {
      get: (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : (value ?? null);
      },
    };
    const result = await handleIngest({ method: request.method ?? "GET", headers, body, ip: clientIp(request) }, deps);
    countIngestOutcome(result.status);
    response
      .writeHead(result.status, { "content-type": "application/json", ...result.headers })
      .end(JSON.stringify(result.body));
  } catch (error) {
    log.error("ingest request failed", { error });
    if (!response.headersSent) response.writeHead(503, { "content-type": "application/json", "retry-after": "5" });
    response.end('{"error":"unavailable","reason":"try again later"}');
  }
}
ingest.server.listen(config.INGEST_PORT, "0.0.0.0", () => {
  log.info("ingestion server listening", { port: config.INGEST_PORT });
});

// SIGTERM: stop taking connections, answer every request held (each report is
// answered 202 only once committed, or 503), then close the pool and exit.
async function shutdown(signal: string) {
  if (isDraining()) return;
  log.info("draining", { signal, active: ingest.active, pending: store.writer.pending });
  await ingest.drain(Number(process.env.SHUTDOWN_TIMEOUT_MS || 20_000));
  await store.close();
  await disconnectDb();
  log.info("stopped", { signal, written: store.writer.written, refused: store.writer.refused + store.writer.failed });
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
