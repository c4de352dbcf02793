// Route handlers answer domain failures the same way everywhere: the AppError's
// HTTP status, a machine-readable code and the same words a form would show.
import "server-only";
import { HTTP_STATUS, isAppError } from "../core/errors";
import { describeError } from "./messages";

/** The JSON answer for an AppError; anything else is rethrown (a real 500). */
export function errorResponse(error: unknown, init: { headers?: Record<string, string> } = {}): Response {
  if (!isAppError(error)) throw error;
  const body = {
    error: error.code.toLowerCase(),
    ...(error.reason ? { reason: error.reason.toLowerCase() } : {}),
    message: describeError(error),
  };
  return Response.json(body, {
    status: HTTP_STATUS[error.code],
    headers: { "cache-control": "no-store", ...init.headers },
  });
}
