// The client address as Next.js passes it: `x-forwarded-for` is set from the
// socket when absent, so behind a proxy the proxy must overwrite it (README).
export function getRequestIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || "unknown";
}
