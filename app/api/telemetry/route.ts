// Telemetry ingestion for installs: POST one JSON report with
// `Authorization: Bearer <install token>`. See lib/telemetry/ingest.ts for the
// rules and examples/telemetry-client.ts for a client. Installs are machines,
// not signed-in people: they authenticate with their own token, not a session.
import { NextRequest, NextResponse } from "next/server";
import { describeError } from "@/lib/actions/messages";
import { getRequestIp } from "@/lib/auth/request-ip";
import { handleIngest } from "@/lib/telemetry/ingest";
import { getIngestStore } from "@/lib/telemetry/instance";
import { readBodyWithLimit } from "@/lib/telemetry/read-body";
import { countIngestOutcome } from "@/lib/metrics/counters";

export const dynamic = "force-dynamic";

async function respond(request: NextRequest) {
  const store = getIngestStore();
  const deps = store.deps(describeError);
  const declared = Number(request.headers.get("content-length") ?? "0");
  const body =
    request.method !== "POST"
      ? ""
      : declared > deps.maxBytes
        ? null
        : await readBodyWithLimit(request.body, deps.maxBytes);
  const result = await handleIngest(
    { method: request.method, headers: request.headers, body, ip: getRequestIp(request.headers) },
    deps,
  );
  countIngestOutcome(result.status);
  return NextResponse.json(result.body, { status: result.status, headers: result.headers });
}

export const POST = respond;
export const GET = respond;
