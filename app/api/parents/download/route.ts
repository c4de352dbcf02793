// GET /api/parents/download?token=<status token>&link=<id>: one reviewed export, once.
import { Readable } from "node:stream";
import { z } from "zod";
import { errorResponse } from "@/lib/actions/route";
import { getRequestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/core/errors";
import { openParentDownload } from "@/lib/parents/requests";
import { idParam, parseQuery, textParam } from "@/lib/core/params";

export const dynamic = "force-dynamic";

const querySchema = z.object({ token: textParam(200).min(1), link: idParam() });

export async function GET(request: Request) {
  try {
    // A link that was changed is one that does not exist.
    const { token, link: linkId } = parseQuery(
      querySchema,
      request.url,
      new AppError("NOT_FOUND", { reason: "PARENT_DOWNLOAD" }),
    );
    const download = await openParentDownload({ token, linkId, ip: getRequestIp(request.headers) });
    return new Response(Readable.toWeb(download.stream) as ReadableStream, {
      headers: {
        "content-type": "application/zip",
        "content-length": String(download.size),
        "content-disposition": `attachment; filename="${download.fileName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
