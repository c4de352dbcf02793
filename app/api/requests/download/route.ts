// GET /api/requests/download?token=<status token>: the access answer (export archive) of a
// request filed without an account, through its private status link.
import { Readable } from "node:stream";
import { z } from "zod";
import { errorResponse } from "@/lib/actions/route";
import { getRequestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/core/errors";
import { parseQuery, textParam } from "@/lib/core/params";
import { openSubjectExport } from "@/lib/requests/public";

export const dynamic = "force-dynamic";

const querySchema = z.object({ token: textParam(200).min(1) });

export async function GET(request: Request) {
  try {
    const { token } = parseQuery(querySchema, request.url, new AppError("NOT_FOUND", { reason: "SUBJECT_DOWNLOAD" }));
    const download = await openSubjectExport({ statusToken: token, ip: getRequestIp(request.headers) });
    return new Response(Readable.toWeb(download.stream) as ReadableStream, {
      headers: {
        "content-type": "application/zip",
        "content-length": String(download.size),
        "content-disposition": `attachment; filename="${download.fileName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
