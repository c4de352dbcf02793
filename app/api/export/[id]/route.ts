// GET /api/export/:id: progress of one of the caller's exports (polled by the portal).
import { z } from "zod";
import { errorResponse } from "@/lib/actions/route";
import { getViewer } from "@/lib/dal";
import { AppError } from "@/lib/core/errors";
import { getExportStatus } from "@/lib/export/access";
import { idParam, parseRouteParams } from "@/lib/core/params";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: idParam() });

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new AppError("UNAUTHENTICATED");
    const { id } = parseRouteParams(
      paramsSchema,
      await context.params,
      new AppError("NOT_FOUND", { reason: "EXPORT" }),
    );
    const status = await getExportStatus({ viewer, exportId: id });
    if (!status) throw new AppError("NOT_FOUND", { reason: "EXPORT" });
    return Response.json(status, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
