// The reference a person reads on an error page (Next.js's digest) is logged with
// the request id, so support can find the failure and the request's other lines.
import { afterEach, describe, expect, it, vi } from "vitest";
import { onRequestError } from "../../instrumentation";
import { currentLogContext, log, withLogContext } from "../../lib/core/log";

const context = {
  routerKind: "App Router",
  routePath: "/account/data/[category]",
  routeType: "render",
  renderSource: "react-server-components",
  revalidateReason: undefined,
} as const;

function capture() {
  const lines: { message: string; fields: Record<string, unknown> | undefined; requestId: string | undefined }[] = [];
  vi.spyOn(log, "error").mockImplementation((message, fields) => {
    lines.push({ message, fields, requestId: currentLogContext()?.requestId });
  });
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("onRequestError", () => {
  it("logs the digest with the request id from the header", async () => {
    const lines = capture();
    const error = Object.assign(new Error('relation "User" does not exist'), { digest: "2840536711" });
    await onRequestError(
      error,
      { path: "/account/data/server-logs?token=secret", method: "GET", headers: { "x-request-id": "req-12345678" } },
      context,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0].message).toBe("request failed");
    expect(lines[0].requestId).toBe("req-12345678");
    expect(lines[0].fields).toMatchObject({
      digest: "2840536711",
      method: "GET",
      path: "/account/data/server-logs",
      route: "/account/data/[category]",
      routeType: "render",
      error,
    });
  });

  it("keeps the request's own log context when there is no header", async () => {
    const lines = capture();
    await withLogContext({ requestId: "outer-request-1" }, () =>
      onRequestError("boom", { path: "/", method: "POST", headers: {} }, { ...context, routeType: "action" }),
    );
    expect(lines[0].requestId).toBe("outer-request-1");
    expect(lines[0].fields).toMatchObject({ digest: undefined, routeType: "action", error: { message: "boom" } });
  });
});
