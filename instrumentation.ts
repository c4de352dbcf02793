// Next.js calls onRequestError for every error it catches on the server (a page's
// render, a route handler, a server action, the proxy). The person sees the error's
// digest as the reference on the error page (components/error-panel.tsx); this logs
// that digest with the request id, so the reference they quote finds the JSON log
// line with the error, and every other line of the same request.
import type { Instrumentation } from "next";
import { loggablePath } from "@/lib/core/access-log";
import { log, withLogContext } from "@/lib/core/log";

function digestOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

function requestIdOf(headers: NodeJS.Dict<string | string[]>): string | undefined {
  const value = headers["x-request-id"];
  return typeof value === "string" ? value : undefined;
}

export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  // The request's own log context when Next.js calls this inside it; the header otherwise.
  const requestId = requestIdOf(request.headers);
  withLogContext(requestId ? { requestId } : {}, () =>
    log.error("request failed", {
      digest: digestOf(error),
      method: request.method,
      path: loggablePath(request.path),
      route: context.routePath,
      routeType: context.routeType,
      error: error instanceof Error ? error : { message: String(error) },
    }),
  );
};
