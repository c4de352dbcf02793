// The application's logger: JSON lines (pino) on stdout, one object per event,
// each carrying the request id (web requests: set by scripts/server.ts and
// proxy.ts as x-request-id) or the job id (worker) of the work it belongs to.
// Every module logs through here (ESLint forbids console.*), so the format and
// redaction live in one place. Never pass tokens, secrets, links or email
// addresses as fields; values under the keys in REDACT are replaced anyway.
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

type Fields = Record<string, unknown>;
export type LogContext = { requestId?: string; jobId?: string; job?: string };

// On globalThis: the web server (scripts/server.ts, run by tsx) and Next.js's bundle
// each load their own copy of this module, and must share the one request context.
const globalForContext = globalThis as unknown as { __portalLogContext?: AsyncLocalStorage<LogContext> };
const context = (globalForContext.__portalLogContext ??= new AsyncLocalStorage<LogContext>());

const REDACT = [
  "token",
  "password",
  "secret",
  "authorization",
  "cookie",
  "email",
  "url",
  "link",
  "*.token",
  "*.authorization",
  "*.cookie",
  "*.email",
  "headers.authorization",
  "headers.cookie",
];

const globalForLog = globalThis as unknown as { __portalLogger?: pino.Logger };

function logger(): pino.Logger {
  globalForLog.__portalLogger ??= pino({
    level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: { pid: process.pid, process: process.env.PORTAL_PROCESS_NAME || undefined },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
    // The request or job the line belongs to, taken from the async context.
    mixin: () => ({ ...context.getStore() }),
  });
  return globalForLog.__portalLogger;
}

/** Runs `work` with a request or job id attached to every line it logs. */
export function withLogContext<T>(values: LogContext, work: () => T): T {
  return context.run({ ...context.getStore(), ...values }, work);
}

export function currentLogContext(): LogContext | undefined {
  return context.getStore();
}

function write(level: "info" | "warn" | "error" | "debug", message: string, fields?: Fields) {
  const error = fields?.error instanceof Error ? fields.error : undefined;
  // Only an error's message and stack: driver errors may carry query parameters.
  const safe = error
    ? {
        ...fields,
        error: {
          type: error.name,
          message: error.message,
          stack: error.stack,
          code: (error as { code?: unknown }).code,
        },
      }
    : fields;
  if (safe) logger()[level](safe, message);
  else logger()[level](message);
}

export const log = {
  debug: (message: string, fields?: Fields) => write("debug", message, fields),
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
