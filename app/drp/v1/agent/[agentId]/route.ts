// DRP 0.9.4 2.05 "Pair-wise Key Setup" (POST) and 2.06 "Agent Information" (GET):
// /drp/v1/agent/{agent-id}, also served at /v1/agent/{agent-id} (next.config.js).
import { z } from "zod";
import { getAgentInformation, setUpAgentKey } from "@/lib/agents/protocol";
import { agentIdSchema } from "@/lib/agents/schema";
import { AppError } from "@/lib/core/errors";
import { parseRouteParams } from "@/lib/core/params";
import { drpCall, readSignedBody } from "../../../drp-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ agentId: string }> };
const paramsSchema = z.object({ agentId: agentIdSchema });
// An agent-id that cannot exist names no registered agent: the same 403 as a bad signature.
const unknownAgent = () => new AppError("FORBIDDEN", { reason: "DRP_SIGNATURE" });

export async function POST(request: Request, { params }: Context) {
  return drpCall(request, "POST /v1/agent", async (context) => {
    const { agentId } = parseRouteParams(paramsSchema, await params, unknownAgent());
    return setUpAgentKey({ agentId, body: await readSignedBody(request), context });
  });
}

export async function GET(request: Request, { params }: Context) {
  return drpCall(request, "GET /v1/agent", async (context) => {
    const { agentId } = parseRouteParams(paramsSchema, await params, unknownAgent());
    return getAgentInformation({ agentId, authorization: request.headers.get("authorization"), context });
  });
}
