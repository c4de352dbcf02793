// zod for what arrives in a URL, as lib/core/form.ts is for forms: a page's
// searchParams and route params, a route handler's query and params. Bad input never
// reaches a query, where it would fail as a 500 (a NUL byte, 2024-02-30, an id past
// PostgreSQL's bigint). Pages drop a bad search param (and may say so) and answer
// 404 for a bad route param; route handlers answer through errorResponse(): 400 for a
// bad query, 404 for an id that cannot exist (told apart from a missing one by nobody).
import { notFound } from "next/navigation";
import { z } from "zod";
import { AppError } from "./errors";
import { isoDay } from "./form";

export type SearchParams = Record<string, string | string[] | undefined>;
export type RouteParams = Record<string, string | string[] | undefined>;

/** Control characters have no place in a URL value (a single line). */
const URL_CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;
const POSTGRES_BIGINT_MAX = 9_223_372_036_854_775_807n;
const POSTGRES_INT_MAX = 2_147_483_647;

/** Text from a URL: trimmed, at most `max` characters, no control characters. */
export const textParam = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !URL_CONTROL_CHARACTERS.test(value), "contains characters that are not allowed");

/** An opaque id (cuid, uuid, hex): letters, digits, "-" and "_". */
export const idParam = (max = 64) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .max(max);

/** A slug: lower-case letters, digits and "-". */
export const slugParam = (max = 100) =>
  z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(max);

/** A whole number from 1 that fits PostgreSQL's integer (page numbers, policy versions). */
export const positiveIntParam = (max = POSTGRES_INT_MAX) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,10}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

/** A bigint id as text that fits PostgreSQL's bigint (keyset cursors over bigint ids). */
export const bigintParam = () =>
  z
    .string()
    .trim()
    // zod runs every check even after one fails: BigInt() only sees digits.
    .refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= POSTGRES_BIGINT_MAX);

/** A calendar day "YYYY-MM-DD" between 1900 and 9999. */
export const dayParam = () => isoDay();

/** The first value of a repeated search param; "" counts as missing. */
function firstValue(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === "" ? undefined : one;
}

type ParamShape = Record<string, z.ZodType>;

/**
 * A page's search params, field by field: each field of `schema` (every one optional
 * or with a default) keeps its parsed value; a field that fails falls back to its value
 * for "missing" and is listed in `invalid`, so the page can ignore it and say so.
 * A repeated param counts with its first value; unknown params are ignored.
 */
export function parseSearchParams<S extends ParamShape>(
  schema: z.ZodObject<S>,
  searchParams: SearchParams,
): { data: z.output<z.ZodObject<S>>; invalid: (keyof S & string)[] } {
  const data: Record<string, unknown> = {};
  const invalid: (keyof S & string)[] = [];
  for (const [key, field] of Object.entries(schema.shape) as [keyof S & string, z.ZodType][]) {
    const value = firstValue(searchParams[key]);
    const parsed = field.safeParse(value);
    if (parsed.success) {
      data[key] = parsed.data;
      continue;
    }
    if (value !== undefined) invalid.push(key);
    const fallback = field.safeParse(undefined);
    data[key] = fallback.success ? fallback.data : undefined;
  }
  return { data: data as z.output<z.ZodObject<S>>, invalid };
}

/** A page's route params; a value the schema refuses is a page that does not exist (404). */
export function parseParams<S extends ParamShape>(
  schema: z.ZodObject<S>,
  params: RouteParams,
): z.output<z.ZodObject<S>> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) notFound();
  return parsed.data;
}

/**
 * A route handler's query string. A refused value throws `error` (by default
 * VALIDATION:BAD_QUERY, a 400 through errorResponse()).
 */
export function parseQuery<S extends ParamShape>(
  schema: z.ZodObject<S>,
  url: URL | string,
  error: AppError = new AppError("VALIDATION", { reason: "BAD_QUERY" }),
): z.output<z.ZodObject<S>> {
  const searchParams = (typeof url === "string" ? new URL(url) : url).searchParams;
  const raw = Object.fromEntries(
    [...new Set(searchParams.keys())].map((key) => [key, firstValue(searchParams.get(key) ?? undefined)]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw error;
  return parsed.data;
}

/**
 * A route handler's params. A refused value throws `error` (by default NOT_FOUND: an id
 * that cannot exist answers as a missing one).
 */
export function parseRouteParams<S extends ParamShape>(
  schema: z.ZodObject<S>,
  params: RouteParams,
  error: AppError = new AppError("NOT_FOUND"),
): z.output<z.ZodObject<S>> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw error;
  return parsed.data;
}
