// The client's address for a request handled by Next.js: the web server
// (scripts/server.ts) computes it from the connection and TRUST_PROXY_HOPS and sets
// CLIENT_IP_HEADER, overwriting anything the client sent. Only `next dev` run on its
// own lacks it; then Next's own X-Forwarded-For (the socket when absent) is used.
import { env } from "../core/env";
import { CLIENT_IP_HEADER } from "./client-ip";

export function getRequestIp(headers: Headers): string {
  const computed = headers.get(CLIENT_IP_HEADER);
  if (computed) return computed;
  if (env().NODE_ENV === "production") return "unknown";
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
