import { NextResponse } from "next/server";
import { isDatabaseReachable } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the test runner. */
export async function GET() {
  if (await isDatabaseReachable()) return NextResponse.json({ ok: true });
  return NextResponse.json({ ok: false, error: "database unreachable" }, { status: 503 });
}
