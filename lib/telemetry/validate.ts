// Parsing and validation of telemetry reports posted by installs. Pure: no
// database, never throws, so any input ends as a typed result (fast-check
// property tests in validate.test.ts hold it to that).
import { z } from "zod";

export const REPORT_KINDS = ["usage", "performance", "configuration"] as const;

const scalar = z.union([z.string().max(256), z.number().finite(), z.boolean(), z.null()]);
const fieldName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "field names use letters, digits, _ . -");

export const telemetryReportSchema = z.object({
  installId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._:-]+$/, "installId uses letters, digits, . _ : -"),
  kind: z.enum(REPORT_KINDS),
  sentAt: z.iso.datetime({ offset: true }).optional(),
  version: z.string().max(64).optional(),
  data: z
    .record(fieldName, z.union([scalar, z.array(scalar).max(100)]))
    .refine((value) => Object.keys(value).length <= 100, "data has at most 100 fields"),
  /** The install's own environment switches, mirrored into the report. */
  env: z.record(z.string().max(64), z.union([z.string().max(64), z.number(), z.boolean(), z.null()])).optional(),
});
export type TelemetryReport = z.infer<typeof telemetryReportSchema>;

/** Something with case-insensitive header lookup (Headers, or a Node adapter). */
export type HeaderReader = { get(name: string): string | null | undefined };

export type OptOutSignal = "TELEMETRY_DISABLED" | "DO_NOT_TRACK";

const truthy = new Set(["1", "true", "yes", "on"]);
function isTruthy(value: unknown): boolean {
  if (value === true || value === 1) return true;
  return typeof value === "string" && truthy.has(value.trim().toLowerCase());
}

/** TELEMETRY_DISABLED / DO_NOT_TRACK sent as request headers (several spellings, as HTTP forbids `_` in practice). */
export function findHeaderOptOut(headers: HeaderReader): OptOutSignal | null {
  for (const name of ["telemetry-disabled", "x-telemetry-disabled"]) {
    if (isTruthy(headers.get(name))) return "TELEMETRY_DISABLED";
  }
  for (const name of ["do-not-track", "x-do-not-track", "dnt"]) {
    if (isTruthy(headers.get(name))) return "DO_NOT_TRACK";
  }
  return null;
}

/** The same switches inside the JSON body (`env`), looked for before schema validation. */
export function findBodyOptOut(body: unknown): OptOutSignal | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const env = (body as Record<string, unknown>).env;
  if (!env || typeof env !== "object" || Array.isArray(env)) return null;
  const record = env as Record<string, unknown>;
  if (isTruthy(record.TELEMETRY_DISABLED)) return "TELEMETRY_DISABLED";
  if (isTruthy(record.DO_NOT_TRACK)) return "DO_NOT_TRACK";
  return null;
}

export type ParsedReport =
  | { ok: true; report: TelemetryReport }
  | { ok: false; kind: "too_large"; reason: string }
  | { ok: false; kind: "invalid"; reason: string }
  | { ok: false; kind: "opted_out"; signal: OptOutSignal };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "report"}: ${issue.message}`)
    .join("; ");
}

export type ReportEnvelope =
  | { ok: true; json: Record<string, unknown>; installId: string }
  | { ok: false; kind: "too_large"; reason: string }
  | { ok: false; kind: "invalid"; reason: string }
  | { ok: false; kind: "opted_out"; signal: OptOutSignal };

const installIdSchema = telemetryReportSchema.shape.installId;
/** installIdSchema's rules as one pattern: the common case skips zod (it runs only to word a refusal). */
const plainInstallId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The cheap first pass: size, JSON, opt-out switches in the body and the
 * install id. The full schema is checked later (validateReport), only for
 * reports that will be stored, so opted-out installs cost as little as possible.
 */
export function parseEnvelope(body: string, options: { maxBytes: number }): ReportEnvelope {
  try {
    if (Buffer.byteLength(body, "utf8") > options.maxBytes) {
      return { ok: false, kind: "too_large", reason: `report is larger than ${options.maxBytes} bytes` };
    }
    if (body.trim() === "") return { ok: false, kind: "invalid", reason: "empty body: send one JSON report" };
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, kind: "invalid", reason: "body is not valid JSON" };
    }
    const signal = findBodyOptOut(json);
    if (signal) return { ok: false, kind: "opted_out", signal };
    if (!json || typeof json !== "object" || Array.isArray(json)) {
      return { ok: false, kind: "invalid", reason: "report must be a JSON object" };
    }
    const record = json as Record<string, unknown>;
    if (typeof record.installId === "string" && plainInstallId.test(record.installId))
      return { ok: true, json: record, installId: record.installId };
    const installId = installIdSchema.safeParse(record.installId);
    if (!installId.success)
      return { ok: false, kind: "invalid", reason: `installId: ${installId.error.issues[0]?.message ?? "missing"}` };
    return { ok: true, json: record, installId: installId.data };
  } catch {
    // Defensive: nothing above should throw, but a report must never cause a 500.
    return { ok: false, kind: "invalid", reason: "report could not be read" };
  }
}

// PostgreSQL text and jsonb cannot hold U+0000, nor a UTF-16 surrogate without its
// other half (JSON's "\ud800" escape): either fails the whole INSERT it is in.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function describeUnstorable(text: string): string {
  return /\u0000/.test(text) ? "a NUL character (\\u0000)" : "a lone surrogate (half of a UTF-16 pair)";
}

// A path segment as people can read it; a key that is itself the problem is shown escaped.
const plainSegment = /^[A-Za-z0-9_.:-]{1,64}$/;
const showSegment = (segment: string | number) =>
  typeof segment === "number" || plainSegment.test(segment) ? String(segment) : JSON.stringify(segment.slice(0, 64));

type JsonPath = { segment: string | number; parent: JsonPath | null } | null;

function showPath(path: JsonPath): string {
  const segments: Array<string | number> = [];
  for (let at = path; at; at = at.parent) segments.push(at.segment);
  if (!segments.length) return "report";
  segments.reverse();
  const shown = segments.slice(0, 8).map(showSegment).join(".");
  return segments.length > 8 ? `${shown}.…` : shown;
}

/**
 * The first key or string anywhere in parsed JSON that PostgreSQL cannot store, as a
 * reason for the sender ("data.note: text contains a NUL character ..."); null when none.
 * Iterative, with paths shared between siblings, so deep nesting costs neither stack nor
 * quadratic time.
 */
export function findUnstorableText(json: unknown): string | null {
  const stack: Array<{ value: unknown; path: JsonPath }> = [{ value: json, path: null }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (unstorable.test(value))
        return `${showPath(path)}: text contains ${describeUnstorable(value)}, which cannot be stored`;
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], path: { segment: index, parent: path } });
    } else if (value && typeof value === "object") {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        if (unstorable.test(key))
          return `${showPath(path)}: a field name (${showSegment(key)}) contains ${describeUnstorable(key)}, which cannot be stored`;
      }
      for (let index = entries.length - 1; index >= 0; index--)
        stack.push({ value: entries[index][1], path: { segment: entries[index][0], parent: path } });
    }
  }
  return null;
}

// Parsed JSON holds a NUL or a surrogate only if its text did: raw, or as a \u escape (the
// other escapes stand for \" \\ / and four control characters). A body without any of them
// skips findUnstorableText's walk (most reports).
const mayHoldUnstorable = /\\u|[\ud800-\udfff]|\u0000/;

const plainFieldName = /^[A-Za-z0-9_.-]{1,64}$/;
type Scalar = string | number | boolean | null;
const isScalar = (value: unknown): value is Scalar =>
  value === null ||
  typeof value === "boolean" ||
  (typeof value === "number" && Number.isFinite(value)) ||
  (typeof value === "string" && value.length <= 256);

/**
 * The common report (install id, kind, optional version, data of scalars and lists of
 * scalars) checked by hand: the same result as telemetryReportSchema, at a fraction of
 * its cost per report. Undefined for anything else (sentAt, env, or whatever the schema
 * might refuse): zod decides those, and words the refusal. validate.test.ts holds the two
 * equal (fast-check).
 */
export function plainReport(json: unknown): TelemetryReport | undefined {
  if (!json || typeof json !== "object" || Array.isArray(json)) return undefined;
  const { installId, kind, version, data, sentAt, env } = json as Record<string, unknown>;
  if (sentAt !== undefined || env !== undefined) return undefined;
  if (typeof installId !== "string" || !plainInstallId.test(installId)) return undefined;
  if (kind !== "usage" && kind !== "performance" && kind !== "configuration") return undefined;
  if (version !== undefined && (typeof version !== "string" || version.length > 64)) return undefined;
  if (!data || typeof data !== "object" || Object.getPrototypeOf(data) !== Object.prototype) return undefined;
  const fields: TelemetryReport["data"] = {};
  let count = 0;
  for (const key of Object.keys(data)) {
    if (++count > 100 || key === "__proto__" || !plainFieldName.test(key)) return undefined;
    const value = (data as Record<string, unknown>)[key];
    if (isScalar(value)) fields[key] = value;
    else if (Array.isArray(value) && value.length <= 100 && value.every(isScalar))
      fields[key] = [...(value as Scalar[])];
    else return undefined;
  }
  return version === undefined ? { installId, kind, data: fields } : { installId, kind, version, data: fields };
}

/**
 * The full schema check of an envelope's JSON. `body`, the text it was parsed from, when
 * known: a body with no \u escape, surrogate or NUL cannot hold text PostgreSQL refuses.
 */
export function validateReport(
  json: unknown,
  body?: string,
): { ok: true; report: TelemetryReport } | { ok: false; kind: "invalid"; reason: string } {
  try {
    if (body === undefined || mayHoldUnstorable.test(body)) {
      const unstorableText = findUnstorableText(json);
      if (unstorableText) return { ok: false, kind: "invalid", reason: unstorableText };
    }
    const plain = plainReport(json);
    if (plain) return { ok: true, report: plain };
    const parsed = telemetryReportSchema.safeParse(json);
    if (!parsed.success) return { ok: false, kind: "invalid", reason: describeIssues(parsed.error) };
    return { ok: true, report: parsed.data };
  } catch {
    return { ok: false, kind: "invalid", reason: "report could not be read" };
  }
}

/** Body text (already read within the limit) → a report, an opt-out, or a reason it was refused. */
export function parseReport(body: string, options: { maxBytes: number }): ParsedReport {
  const envelope = parseEnvelope(body, options);
  if (!envelope.ok) return envelope;
  return validateReport(envelope.json, body);
}

/** `Authorization: Bearer <token>` (or `X-Install-Token`), trimmed and bounded. */
export function readInstallToken(headers: HeaderReader): string | null {
  const authorization = headers.get("authorization");
  const match = authorization ? /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization) : null;
  const token = match?.[1] ?? headers.get("x-install-token") ?? null;
  if (!token || token.length > 512) return null;
  return token;
}
