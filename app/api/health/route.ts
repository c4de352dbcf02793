import { NextResponse } from "next/server";
import { isDatabaseReachable } from "@/lib/core/health";

export const dynamic = "force-dynamic";

/**
 * Liveness (restart the process if this fails) plus database reachability, for the test
 * runner and simple checks. Load balancers should route on /api/ready instead.
 */
export async function GET() {
  if (await isDatabaseReachable()) return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  return NextResponse.json(
    { ok: false, error: "database unreachable" },
    { status: 503, headers: { "cache-control": "no-store" } },
  );
}
