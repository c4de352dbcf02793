// GET /api/parents/download?token=<status token>&link=<id>: one reviewed export, once.
import { Readable } from "node:stream";
import { errorResponse } from "@/lib/actions/route";
import { getRequestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/core/errors";
import { openParentDownload } from "@/lib/parents/requests";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const token = url.searchParams.get("token") ?? "";
    const linkId = url.searchParams.get("link") ?? "";
    if (!token || !/^[a-z0-9]{1,64}$/i.test(linkId)) throw new AppError("NOT_FOUND", { reason: "PARENT_DOWNLOAD" });
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
