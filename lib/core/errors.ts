// The one error type of the domain layer. Domain functions throw an AppError
// with a typed code (and, where the code alone is too coarse, a reason); they
// never build sentences for people. The action layer (lib/actions/) and route
// handlers turn an AppError into text or an HTTP status in one place each.

export const APP_ERROR_CODES = [
  "VALIDATION", // input that passed the form schema but breaks a domain rule (field names the input)
  "UNAUTHENTICATED", // no signed-in viewer where one is needed
  "FORBIDDEN", // signed in, but not allowed (e.g. a step-up check is missing)
  "NOT_FOUND", // does not exist, or is not the viewer's: the two are never told apart
  "CONFLICT", // clashes with something that exists (a taken slug, an open draft)
  "LIMIT_REACHED", // a rate or count limit
  "INVALID_STATE", // not allowed in the current state (a published version, a closed request)
  "EXPIRED", // a link, token or file past its time
  "UNAVAILABLE", // a dependency (SMTP, storage) failed; worth retrying later
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** Values a message may interpolate (numbers, names of things); never personal data or secrets. */
export type AppErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** A finer reason within the code, e.g. LIMIT_REACHED / "EXPORTS_PER_DAY". */
  readonly reason?: string;
  /** The input field the error belongs to, when there is one. */
  readonly field?: string;
  readonly params: AppErrorParams;

  constructor(
    code: AppErrorCode,
    options: { reason?: string; field?: string; params?: AppErrorParams; cause?: unknown } = {},
  ) {
    super(
      options.reason ? `${code}:${options.reason}` : code,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "AppError";
    this.code = code;
    this.reason = options.reason;
    this.field = options.field;
    this.params = options.params ?? {};
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The HTTP status a route handler answers for each code. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIMIT_REACHED: 429,
  INVALID_STATE: 409,
  EXPIRED: 410,
  UNAVAILABLE: 503,
};
