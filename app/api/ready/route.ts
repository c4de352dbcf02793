import { NextResponse } from "next/server";
import { readiness } from "@/lib/core/health";

export const dynamic = "force-dynamic";

/** Readiness for load balancers: 503 while the database is unreachable, a migration is pending, or the instance drains (SIGTERM). */
export async function GET() {
  const result = await readiness();
  return NextResponse.json(result, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
