// The client's address, from what cannot be forged. With TRUST_PROXY_HOPS=0 (no proxy
// in front) it is the connection's own address and any X-Forwarded-For is ignored;
// with N trusted proxies, each appending the address it saw (nginx's
// proxy_add_x_forwarded_for), it is the Nth entry from the right: everything further
// left was written by the client and may be forged. Pure, used by the web server
// (scripts/server.ts) and the lean ingestion server.

export function clientIpFrom(options: {
  socketAddress: string | undefined | null;
  forwardedFor: string | string[] | undefined | null;
  hops: number;
}): string {
  const socket = normalize(options.socketAddress);
  if (options.hops <= 0) return socket;
  const header = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(",") : (options.forwardedFor ?? "");
  const entries = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the request did not come through all the proxies,
  // so the leftmost entry may be the client's own invention; the socket is all we know.
  if (entries.length < options.hops) return socket;
  return normalize(entries[entries.length - options.hops]);
}

function normalize(address: string | undefined | null): string {
  if (!address) return "unknown";
  // IPv4 on a dual-stack socket arrives as ::ffff:a.b.c.d.
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/** The request header the web server sets to the computed address (overwriting whatever the client sent). */
export const CLIENT_IP_HEADER = "x-portal-client-ip";
