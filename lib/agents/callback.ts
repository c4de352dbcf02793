// Status callbacks (DRP 2.03) go to a URL an agent chose, so they must never reach our own
// network: outside tests, a target that resolves to a loopback, private, link-local or otherwise
// non-public address is refused, and the address checked is the one connected to (the lookup
// is pinned, so a DNS answer cannot change between the check and the connection).
import "server-only";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import dns from "node:dns";
import { env } from "../core/env";

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** True for addresses a callback may not reach in production. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true;
}

export function privateCallbacksAllowed(): boolean {
  const config = env();
  return config.DRP_ALLOW_PRIVATE_CALLBACKS && config.PORTAL_RUN_MODE !== "production";
}

/** A callback URL we would call: http(s), no credentials; https only unless private targets are allowed (tests). */
export function isAcceptableCallbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && privateCallbacksAllowed();
}

export class CallbackRefused extends Error {}

const pinnedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as dns.LookupAddress[];
    const allowed = privateCallbacksAllowed() ? list : list.filter((entry) => !isPrivateAddress(entry.address));
    if (allowed.length === 0) return callback(new CallbackRefused("callback target is not a public address"), "", 4);
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
};

/** POSTs JSON to an agent's callback; resolves with the HTTP status, rejects on refusal, network failure or timeout. */
export function postCallback(target: string, body: object): Promise<number> {
  if (!isAcceptableCallbackUrl(target)) return Promise.reject(new CallbackRefused("callback URL not acceptable"));
  const url = new URL(target);
  if (
    isIP(url.hostname.replace(/^\[|\]$/g, "")) &&
    !privateCallbacksAllowed() &&
    isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ""))
  )
    return Promise.reject(new CallbackRefused("callback target is not a public address"));
  const payload = Buffer.from(JSON.stringify(body));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: pinnedLookup,
        timeout: env().DRP_CALLBACK_TIMEOUT_MS,
        headers: { "content-type": "application/json", "content-length": String(payload.length) },
      },
      (response) => {
        // The answer's body is not for us to read (2.03.1); drain it.
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("callback timed out")));
    request.on("error", reject);
    request.end(payload);
  });
}
