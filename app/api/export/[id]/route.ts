// GET /api/export/:id: progress of one of the caller's exports (polled by the portal).
import { NextResponse } from "next/server";
import { getViewer } from "@/lib/dal";
import { getExportStatus } from "@/lib/export/access";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const { id } = await context.params;
  const status = await getExportStatus(viewer, id);
  if (!status) return NextResponse.json({ error: "not_found" }, { status: 404 });
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
}
