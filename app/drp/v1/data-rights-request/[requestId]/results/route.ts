// The `results_url` of a fulfilled access request (DRP 3.03): the export archive, to the agent
// that filed the request (its bearer token), until the archive expires.
import { Readable } from "node:stream";
import { z } from "zod";
import { openRequestResults } from "@/lib/agents/protocol";
import { requestIdSchema } from "@/lib/agents/schema";
import { AppError } from "@/lib/core/errors";
import { parseRouteParams } from "@/lib/core/params";
import { drpCall } from "../../../../drp-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ requestId: string }> };
const paramsSchema = z.object({ requestId: requestIdSchema });

export async function GET(request: Request, { params }: Context) {
  return drpCall(request, "GET /v1/data-rights-request/results", async (context) => {
    const { requestId } = parseRouteParams(
      paramsSchema,
      await params,
      new AppError("NOT_FOUND", { reason: "DRP_REQUEST" }),
    );
    const download = await openRequestResults({
      authorization: request.headers.get("authorization"),
      requestId,
      context,
    });
    return new Response(Readable.toWeb(download.stream) as ReadableStream, {
      headers: {
        "content-type": "application/zip",
        "content-length": String(download.size),
        "content-disposition": `attachment; filename="${download.fileName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
