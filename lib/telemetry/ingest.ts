// The ingestion decision for one report, shared by the Next.js route
// (app/api/telemetry/route.ts) and the lean server (scripts/ingest-server.ts).
// Order: opt-out headers → size/JSON/opt-out body/install id → install auth →
// per-install rate limit → install/owner opt-out → full schema → batch writer.
import { hash, timingSafeEqual } from "node:crypto";
import { isAppError, type AppError } from "../core/errors";
import {
  findHeaderOptOut,
  parseEnvelope,
  readInstallToken,
  validateReport,
  type HeaderReader,
  type OptOutSignal,
} from "./validate";

export type InstallState = {
  id: string;
  userId: string;
  tokenHash: string;
  clusterEnabled: boolean;
  accountEnabled: boolean;
  /** Processing of the owner's data is stopped (e.g. a parent's request under review). */
  restricted: boolean;
};

export type AcceptedReport = {
  clusterId: string;
  kind: string;
  receivedAt: string;
  ip: string | null;
  payload: Record<string, unknown>;
};

export type IngestDeps = {
  maxBytes: number;
  findInstall: (installId: string) => Promise<InstallState | null>;
  /** Resolves true when the install may send one more report now; else the seconds to wait. */
  consumeRateLimit: (installId: string) => Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /** Resolves once the report is stored; throws AppError UNAVAILABLE (params.retryAfterSeconds) when it was not. */
  enqueue: (report: AcceptedReport) => Promise<void>;
  /** The words for a refused report (lib/actions/messages.ts, handed in by the server: a domain never imports lib/actions/). */
  describeError: (error: AppError) => string;
  now?: () => Date;
};

export type IngestRequest = { method: string; headers: HeaderReader; body: string | null; ip: string | null };
export type IngestResponse = { status: number; body: Record<string, unknown>; headers: Record<string, string> };

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): IngestResponse => ({
  status,
  body,
  headers: { "cache-control": "no-store", ...headers },
});

function disabled(reason: string, signal?: OptOutSignal): IngestResponse {
  return json(
    200,
    { status: "discarded", collection: "disabled", reason, ...(signal ? { signal } : {}) },
    { "telemetry-collection": "disabled" },
  );
}

export function hashInstallToken(token: string): string {
  return hash("sha256", token, "hex");
}

// One-shot crypto.hash: a fraction of createHash().update().digest()'s cost, paid on every report.
function tokenMatches(token: string, expectedHash: string): boolean {
  const actual = hash("sha256", token, "buffer");
  const expected = Buffer.from(expectedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// The answers most reports get, made once: a server may encode each once too (scripts/ingest-server.ts).
const ACCEPTED = constant(
  json(202, { status: "accepted", collection: "enabled" }, { "telemetry-collection": "enabled" }),
);
const INSTALL_DISABLED = constant(disabled("telemetry is turned off for this install"));
const OWNER_DISABLED = constant(disabled("the install's owner turned telemetry off"));
const OWNER_RESTRICTED = constant(disabled("processing of the owner's data is paused"));

function constant(response: IngestResponse): IngestResponse {
  Object.freeze(response.body);
  Object.freeze(response.headers);
  return Object.freeze(response);
}

export async function handleIngest(request: IngestRequest, deps: IngestDeps): Promise<IngestResponse> {
  if (request.method !== "POST")
    return json(405, { error: "method_not_allowed", reason: "POST one JSON report" }, { allow: "POST" });

  const headerSignal = findHeaderOptOut(request.headers);
  if (headerSignal) return disabled(`${headerSignal} is set: nothing was stored`, headerSignal);

  if (request.body === null) {
    return json(413, { error: "too_large", reason: `report is larger than ${deps.maxBytes} bytes` });
  }
  const envelope = parseEnvelope(request.body, { maxBytes: deps.maxBytes });
  if (!envelope.ok) {
    if (envelope.kind === "opted_out")
      return disabled(`${envelope.signal} is set: nothing was stored`, envelope.signal);
    if (envelope.kind === "too_large") return json(413, { error: "too_large", reason: envelope.reason });
    return json(400, { error: "invalid_report", reason: envelope.reason });
  }

  const token = readInstallToken(request.headers);
  const install = token ? await deps.findInstall(envelope.installId) : null;
  if (!token || !install || !tokenMatches(token, install.tokenHash)) {
    return json(
      401,
      { error: "unknown_install", reason: "unknown install id or wrong install token" },
      { "www-authenticate": 'Bearer realm="telemetry"' },
    );
  }

  const limit = await deps.consumeRateLimit(install.id);
  if (!limit.ok) {
    return json(
      429,
      {
        error: "rate_limited",
        reason: "too many reports from this install",
        retryAfterSeconds: limit.retryAfterSeconds,
      },
      { "retry-after": String(limit.retryAfterSeconds) },
    );
  }

  // An opted-out install's report is not even validated: nothing of it is kept.
  if (!install.clusterEnabled) return INSTALL_DISABLED;
  if (!install.accountEnabled) return OWNER_DISABLED;
  if (install.restricted) return OWNER_RESTRICTED;

  const validated = validateReport(envelope.json, request.body);
  if (!validated.ok) return json(400, { error: "invalid_report", reason: validated.reason });
  const report = validated.report;

  const now = deps.now?.() ?? new Date();
  const payload: Record<string, unknown> = { ...report.data };
  if (report.version) payload.version = report.version;
  if (report.sentAt) payload.sentAt = report.sentAt;
  try {
    await deps.enqueue({
      clusterId: install.id,
      kind: report.kind,
      receivedAt: now.toISOString(),
      ip: request.ip,
      payload,
    });
  } catch (error) {
    // Refused by the database for its content, alone (the batch writer isolates it): the report is at fault.
    if (isAppError(error, "VALIDATION"))
      return json(400, { error: "invalid_report", reason: deps.describeError(error) });
    if (!isAppError(error, "UNAVAILABLE")) throw error;
    // Not stored: the client keeps the report and sends it again later.
    const retryAfterSeconds = Number(error.params.retryAfterSeconds ?? 5);
    return json(
      503,
      { error: "unavailable", reason: "the report was not stored; retry later", retryAfterSeconds },
      { "retry-after": String(retryAfterSeconds) },
    );
  }
  return ACCEPTED;
}
