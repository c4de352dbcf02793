// The one way to write a server action. Each action is
//   export const doThing = authedAction(schema, async (input, { viewer, ip }) => {
//     await domainFunction({ viewer, ... });     // throws AppError on a domain failure
//     return ok("Done.", { id });
//   });
// The wrapper resolves the caller through lib/dal.ts before reading any input,
// parses the FormData (or a plain object) with zod, runs the handler, and
// answers one ActionResult shape. Signed-out callers of authed/admin actions are
// sent to sign in (the same behaviour as the pages); non-admins get a 404.
// AppErrors become text in lib/actions/messages.ts; anything else is logged and
// answered with a generic message, never with internals.
import "server-only";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getRequestIp } from "../auth/request-ip";
import { getRequestLocale, getViewer, requireAdmin, requireStepUp, type Viewer } from "../dal";
import { AppError, isAppError, type AppErrorCode } from "../core/errors";
import { log } from "../core/log";
import { fieldsWithControlCharacters } from "../core/form";
import { describeError, describeFieldMessage, describeFormProblem } from "./messages";

export type FieldErrors = Partial<Record<string, string[]>>;

export type ActionResult<T = null> =
  | { ok: true; message: string; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors: FieldErrors; values?: Record<string, string> };

/** The state a form keeps with useActionState: null before the first submit. */
export type ActionState<T = null> = ActionResult<T> | null;

export type ActionContext<V> = { viewer: V; ip: string };

type Success<T> = { message: string; data: T };

/** What a handler returns on success. */
export function ok(message: string): Success<null>;
export function ok<T>(message: string, data: T): Success<T>;
export function ok<T>(message: string, data?: T): Success<T | null> {
  return { message, data: data ?? null };
}

type Options<I = unknown> = {
  /** Submitted fields sent back on a validation failure so the form keeps them (never secrets). */
  echo?: readonly string[];
  /** Message above the field errors when the schema refuses the input. */
  invalidMessage?: string;
  /**
   * Destructive admin actions (publishing, sending to everyone, erasing) set this:
   * they need a second-factor check within the last few minutes (step-up).
   * A function decides per input (e.g. resuming a campaign, but not pausing it).
   */
  stepUp?: boolean | ((input: I) => boolean);
};

/**
 * What a page or client component receives: a plain `<form action>` (the result
 * is not read), or `(state, formData | object)` for useActionState and direct calls.
 */
export type Action<T> = {
  (formData: FormData): Promise<void>;
  (state: ActionState<T>, input: FormData | Record<string, unknown>): Promise<ActionResult<T>>;
};

/** FormData as a plain object: one value per key, an array where a key repeats; files are ignored. */
export function readForm(input: FormData | Record<string, unknown> | undefined): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue; // Next.js's own fields
    const values = input.getAll(key).filter((value): value is string => typeof value === "string");
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

async function signInAgain(): Promise<never> {
  // Back to the page the form was on after signing in (same-site paths only).
  const referer = (await headers()).get("referer");
  let path = "/account";
  try {
    if (referer) path = new URL(referer).pathname;
  } catch {
    // keep the default
  }
  redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
}

function failure<T>(
  code: AppErrorCode,
  message: string,
  fieldErrors: FieldErrors = {},
  values?: Record<string, string>,
): ActionResult<T> {
  return { ok: false, code, message, fieldErrors, ...(values ? { values } : {}) };
}

function echoValues(raw: Record<string, unknown>, echo: readonly string[] | undefined) {
  if (!echo) return undefined;
  return Object.fromEntries(
    echo.map((key) => [key, typeof raw[key] === "string" ? (raw[key] as string).slice(0, 500) : ""]),
  );
}

function define<S extends z.ZodType, V, T>(
  resolveViewer: () => Promise<V>,
  schema: S,
  handler: (input: z.output<S>, context: ActionContext<V>) => Promise<Success<T>>,
  options: Options<z.output<S>>,
  /** Checks that need the parsed input (step-up), run before the handler. */
  beforeHandler?: (input: z.output<S>) => Promise<void>,
): Action<T> {
  const action = async (
    ...args: [FormData] | [ActionState<T>, FormData | Record<string, unknown>]
  ): Promise<ActionResult<T>> => {
    const viewer = await resolveViewer(); // before any input is read: fail closed
    const locale = await getRequestLocale(); // the words of every answer below
    const raw = readForm(args.length === 1 ? args[0] : args[1]);
    // No field may carry a control character (a NUL would fail in PostgreSQL as a 500):
    // refused here for every action, with the field's own message.
    const refused = fieldsWithControlCharacters(raw);
    if (refused.length) {
      const message = describeError(new AppError("VALIDATION", { reason: "CONTROL_CHARACTERS" }), locale);
      return failure(
        "VALIDATION",
        options.invalidMessage ?? describeFormProblem("fixFields", locale),
        Object.fromEntries(refused.map((key) => [key, [message]])),
        echoValues(raw, options.echo),
      );
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error as z.ZodError<unknown>).fieldErrors as FieldErrors;
      const fieldErrors: FieldErrors = Object.fromEntries(
        Object.entries(flat).map(([key, messages]) => [key, messages?.map((m) => describeFieldMessage(m, locale))]),
      );
      return failure(
        "VALIDATION",
        options.invalidMessage ??
          describeFormProblem(Object.keys(fieldErrors).length ? "fixFields" : "unreadable", locale),
        fieldErrors,
        echoValues(raw, options.echo),
      );
    }
    try {
      const ip = getRequestIp(await headers());
      await beforeHandler?.(parsed.data);
      const result = await handler(parsed.data, { viewer, ip });
      return { ok: true, message: result.message, data: result.data };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() from the handler
      if (isAppError(error)) {
        const message = describeError(error, locale);
        return failure(
          error.code,
          message,
          error.field ? { [error.field]: [message] } : {},
          echoValues(raw, options.echo),
        );
      }
      log.error("action failed", { error });
      return failure("UNAVAILABLE", describeError(null, locale));
    }
  };
  return action as Action<T>;
}

/** describeError() in the language of the current request (pages that show an AppError). */
export async function describeErrorForRequest(error: Parameters<typeof describeError>[0]): Promise<string> {
  return describeError(error, await getRequestLocale());
}

async function requireViewer(): Promise<Viewer> {
  return (await getViewer()) ?? signInAgain();
}

/** An action of a signed-in person. */
export function authedAction<S extends z.ZodType, T = null>(
  schema: S,
  handler: (input: z.output<S>, context: ActionContext<Viewer>) => Promise<Success<T>>,
  options: Options<z.output<S>> = {},
) {
  return define(requireViewer, schema, handler, options);
}

/**
 * An action of the privacy team: anyone else (and an admin who has not passed the
 * second factor in this session) gets a 404, audited by requireAdmin. With `stepUp`,
 * the second factor must have been passed within the last few minutes.
 */
export function adminAction<S extends z.ZodType, T = null>(
  schema: S,
  handler: (input: z.output<S>, context: ActionContext<Viewer>) => Promise<Success<T>>,
  options: Options<z.output<S>> = {},
) {
  const needsStepUp = (input: z.output<S>) =>
    typeof options.stepUp === "function" ? options.stepUp(input) : Boolean(options.stepUp);
  return define(
    () => requireAdmin("action"),
    schema,
    handler,
    options,
    async (input) => {
      if (needsStepUp(input)) await requireStepUp();
    },
  );
}

/** An action open to visitors (sign-in, unsubscribe links, cookie choices); the viewer may be null. */
export function publicAction<S extends z.ZodType, T = null>(
  schema: S,
  handler: (input: z.output<S>, context: ActionContext<Viewer | null>) => Promise<Success<T>>,
  options: Options<z.output<S>> = {},
) {
  return define(getViewer, schema, handler, options);
}
