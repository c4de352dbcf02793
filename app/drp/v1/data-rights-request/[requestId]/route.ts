// DRP 0.9.4 2.02 "Data Rights Status" (GET) and 2.04 "Data Rights Revoke" (DELETE):
// /drp/v1/data-rights-request/{request_id} (and /v1/...).
import { z } from "zod";
import { getRequestStatus, revokeRequest } from "@/lib/agents/protocol";
import { requestIdSchema } from "@/lib/agents/schema";
import { AppError } from "@/lib/core/errors";
import { parseRouteParams } from "@/lib/core/params";
import { drpCall, readSignedBody } from "../../../drp-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ requestId: string }> };
const paramsSchema = z.object({ requestId: requestIdSchema });
const notFound = () => new AppError("NOT_FOUND", { reason: "DRP_REQUEST" });

export async function GET(request: Request, { params }: Context) {
  return drpCall(request, "GET /v1/data-rights-request", async (context) => {
    const { requestId } = parseRouteParams(paramsSchema, await params, notFound());
    return getRequestStatus({ authorization: request.headers.get("authorization"), requestId, context });
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return drpCall(request, "DELETE /v1/data-rights-request", async (context) => {
    const { requestId } = parseRouteParams(paramsSchema, await params, notFound());
    return revokeRequest({
      authorization: request.headers.get("authorization"),
      requestId,
      body: await readSignedBody(request),
      context,
    });
  });
}
