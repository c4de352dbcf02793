// Request ids and access lines for the node:http servers in front of Next.js and
// of ingestion. Paths are logged without their query string, and any long opaque
// path segment (tokens such as /api/email/open/<token>, ids) is masked.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { log, withLogContext } from "./log";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function loggablePath(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0].split("#")[0];
  return path
    .split("/")
    .map((segment) => (segment.length >= 16 && /^[A-Za-z0-9_.~%-]+$/.test(segment) ? ":id" : segment))
    .join("/");
}

/** Takes a trusted upstream id (load balancer) or makes one, sets it on the request, and runs `handle` in its log context. */
export function handleWithRequestLog(request: http.IncomingMessage, response: http.ServerResponse, handle: () => void) {
  const incoming = request.headers["x-request-id"];
  const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  request.headers["x-request-id"] = requestId;
  const started = process.hrtime.bigint();
  response.once("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    withLogContext({ requestId }, () =>
      log.info("request", {
        method: request.method,
        path: loggablePath(request.url),
        status: response.statusCode,
        ms: Math.round(ms * 10) / 10,
        aborted: !response.writableFinished || undefined,
      }),
    );
  });
  withLogContext({ requestId }, handle);
}
