// GET /api/export/:id: progress of one of the caller's exports (polled by the portal).
import { errorResponse } from "@/lib/actions/route";
import { getViewer } from "@/lib/dal";
import { AppError } from "@/lib/core/errors";
import { getExportStatus } from "@/lib/export/access";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new AppError("UNAUTHENTICATED");
    const { id } = await context.params;
    const status = await getExportStatus(viewer, id);
    if (!status) throw new AppError("NOT_FOUND", { reason: "EXPORT" });
    return Response.json(status, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
