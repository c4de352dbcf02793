// GET /admin/requests/:id/permission/:uploadId: an authorized agent's uploaded permission (admins only, never cached).
import { Readable } from "node:stream";
import { z } from "zod";
import { errorResponse } from "@/lib/actions/route";
import { AppError } from "@/lib/core/errors";
import { idParam, parseRouteParams } from "@/lib/core/params";
import { requireAdmin } from "@/lib/dal";
import { openPermissionUpload } from "@/lib/requests/admin";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: idParam(), uploadId: idParam() });

export async function GET(_request: Request, context: { params: Promise<{ id: string; uploadId: string }> }) {
  const viewer = await requireAdmin("action");
  try {
    const { id, uploadId } = parseRouteParams(
      paramsSchema,
      await context.params,
      new AppError("NOT_FOUND", { reason: "PERMISSION_UPLOAD" }),
    );
    const file = await openPermissionUpload({ admin: viewer, requestId: id, uploadId });
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.size),
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
