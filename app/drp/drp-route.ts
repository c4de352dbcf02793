// How every DRP 0.9.4 route answers (not a route itself): the agent's call is recorded
// (AgentCall + audit row: agent, endpoint, outcome), a failed signature or token is 403 with
// no body (2.05.1), and other failures are the error object of 3.06 (`code` as a string,
// `message`, `fatal`) with the house's `error`/`reason` beside them. JSON, never cached.
import "server-only";
import { describeError } from "@/lib/actions/messages";
import { recordAgentCall, type CallContext } from "@/lib/agents/protocol";
import { getRequestIp } from "@/lib/auth/request-ip";
import { AppError, HTTP_STATUS, isAppError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { MAX_SIGNED_BYTES } from "@/lib/agents/signature";

const NO_STORE = { "cache-control": "no-store" };

function failureResponse(error: AppError): Response {
  const status = HTTP_STATUS[error.code];
  if (error.code === "FORBIDDEN") return new Response(null, { status: 403, headers: NO_STORE });
  const headers: Record<string, string> = { ...NO_STORE };
  if (error.code === "LIMIT_REACHED" && error.params.retryAfterSeconds)
    headers["retry-after"] = String(error.params.retryAfterSeconds);
  return Response.json(
    {
      code: String(status),
      message: describeError(error),
      // A request that cannot be read will not become processable by retrying it.
      ...(error.code === "VALIDATION" ? { fatal: true } : {}),
      error: error.code.toLowerCase(),
      ...(error.reason ? { reason: error.reason.toLowerCase() } : {}),
    },
    { status, headers },
  );
}

/** Runs one DRP call; `run` answers an object (200 JSON) or a Response of its own. */
export async function drpCall(
  request: Request,
  endpoint: string,
  run: (context: CallContext) => Promise<object | Response>,
): Promise<Response> {
  const context: CallContext = { agentId: null, requestId: null, ip: getRequestIp(request.headers) };
  let response: Response;
  let outcome = "ok";
  try {
    const result = await run(context);
    response = result instanceof Response ? result : Response.json(result, { headers: NO_STORE });
  } catch (error) {
    if (!isAppError(error)) {
      log.error("DRP call failed", { error, endpoint });
      outcome = "error";
      response = failureResponse(new AppError("UNAVAILABLE"));
    } else {
      outcome = `${error.code}${error.reason ? `:${error.reason}` : ""}`.toLowerCase();
      response = failureResponse(error);
    }
  }
  try {
    await recordAgentCall({ context, endpoint, status: response.status, outcome });
  } catch (error) {
    log.error("DRP call not recorded", { error, endpoint });
  }
  return response;
}

/** The signed body (base64 text, 3.07.1), bounded before it is read whole. */
export async function readSignedBody(request: Request): Promise<string> {
  const limit = MAX_SIGNED_BYTES * 2;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("VALIDATION", { reason: "DRP_BODY" });
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new AppError("VALIDATION", { reason: "DRP_BODY" });
  }
  if (text.length > limit) throw new AppError("VALIDATION", { reason: "DRP_BODY" });
  return text;
}
