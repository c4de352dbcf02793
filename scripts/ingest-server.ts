// Lean dedicated telemetry ingestion server: the same rules as POST
// /api/telemetry (lib/telemetry/ingest.ts) on a bare node:http server, for
// deployments that want ingestion off the web app's event loop.
//   DATABASE_URL=... AUTH_SECRET=... INGEST_PORT=3099 npm run ingest
// Routes: POST /api/telemetry (and POST /), GET /health.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { describeError } from "../lib/actions/messages";
import { disconnectDb } from "../lib/core/db";
import { env } from "../lib/core/env";
import { handleIngest, type IngestResponse } from "../lib/telemetry/ingest";
import { clientIpFrom } from "../lib/auth/client-ip";
import { getIngestStore } from "../lib/telemetry/instance";
import { isDraining } from "../lib/core/lifecycle";
import { log } from "../lib/core/log";
import { loggablePath } from "../lib/core/access-log";
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

// Access lines: at report rates, a JSON line (and an async context) per report cost this
// server more CPU than the report itself (bench/ingest.ts, notes/issue-20.md). Every request
// that is not a plain "stored" (202) or "collection disabled" (200) answer, or that took
// longer than a second, gets its `request` line at info; the others at debug (LOG_LEVEL=debug
// shows every one). A summary line counts every answer once a minute.
const SLOW_MS = 1000;
const LOG_EVERY_REQUEST = config.LOG_LEVEL === "debug" || config.LOG_LEVEL === "trace";
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const answered = new Map<number, number>();
let answeredSince = Date.now();
const summary = setInterval(() => {
  if (!answered.size) return;
  log.info("requests answered", {
    seconds: Math.round((Date.now() - answeredSince) / 1000),
    byStatus: Object.fromEntries(answered),
  });
  answered.clear();
  answeredSince = Date.now();
}, 60_000);
summary.unref();

function logRequest(request: http.IncomingMessage, response: http.ServerResponse, started: number) {
  const status = response.statusCode;
  answered.set(status, (answered.get(status) ?? 0) + 1);
  const ms = performance.now() - started;
  const routine = (status === 202 || status === 200) && ms < SLOW_MS && response.writableFinished;
  if (routine && !LOG_EVERY_REQUEST) return;
  const incoming = request.headers["x-request-id"];
  const fields = {
    requestId: typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
    method: request.method,
    path: loggablePath(request.url),
    status,
    ms: Math.round(ms * 10) / 10,
    aborted: !response.writableFinished || undefined,
  };
  if (routine) log.debug("request", fields);
  else log.info("request", fields);
}

const ingest = createDrainableServer((request, response) => {
  const started = performance.now();
  response.once("close", () => logRequest(request, response, started));
  void serve(request, response);
});

/** One write: with Content-Length set, node:http sends the head and body together (no chunked encoding). */
function answer(response: http.ServerResponse, status: number, headers: Record<string, string>, body: string) {
  response
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers })
    .end(body);
}

type Encoded = { body: string; headers: http.OutgoingHttpHeaders };
// handleIngest's routine answers (stored, collection disabled) are frozen constants: each is
// serialised once, not once per report.
const encodedAnswers = new WeakMap<IngestResponse, Encoded>();

function answerIngest(response: http.ServerResponse, result: IngestResponse) {
  let encoded = encodedAnswers.get(result);
  if (!encoded) {
    const body = JSON.stringify(result.body);
    encoded = {
      body,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...result.headers },
    };
    if (Object.isFrozen(result)) encodedAnswers.set(result, encoded);
  }
  response.writeHead(result.status, encoded.headers).end(encoded.body);
}

async function serve(request: http.IncomingMessage, response: http.ServerResponse) {
  try {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/health") {
      answer(
        response,
        isDraining() ? 503 : 200,
        {},
        JSON.stringify({ ok: !isDraining(), pending: store.writer.pending }),
      );
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
      answer(response, 404, {}, '{"error":"not_found"}');
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
    answerIngest(response, result);
  } catch (error) {
    const incoming = request.headers["x-request-id"];
    log.error("ingest request failed", {
      error,
      requestId: typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : undefined,
    });
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
