// GET /api/export/:id/download: the ZIP, streamed from disk, to its owner only.
import { Readable } from "node:stream";
import { z } from "zod";
import { errorResponse } from "@/lib/actions/route";
import { getRequestIp } from "@/lib/auth/request-ip";
import { getViewer } from "@/lib/dal";
import { AppError } from "@/lib/core/errors";
import { openExportDownload } from "@/lib/export/access";
import { idParam, parseRouteParams } from "@/lib/core/params";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: idParam() });

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new AppError("UNAUTHENTICATED");
    const { id } = parseRouteParams(
      paramsSchema,
      await context.params,
      new AppError("NOT_FOUND", { reason: "EXPORT" }),
    );
    const download = await openExportDownload({ viewer, exportId: id, ip: getRequestIp(request.headers) });
    const headers: Record<string, string> = {
      "content-type": "application/zip",
      "content-length": String(download.size),
      "content-disposition": `attachment; filename="${download.fileName}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    };
    if (download.sha256) headers["x-archive-sha256"] = download.sha256;
    return new Response(Readable.toWeb(download.stream) as ReadableStream, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
