// DRP 0.9.4 2.01 "Data Rights Exercise": POST /drp/v1/data-rights-request (and /v1/...).
import { exerciseRight } from "@/lib/agents/protocol";
import { drpCall, readSignedBody } from "../../drp-route";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return drpCall(request, "POST /v1/data-rights-request", async (context) =>
    exerciseRight({
      authorization: request.headers.get("authorization"),
      body: await readSignedBody(request),
      context,
    }),
  );
}
