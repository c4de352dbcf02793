import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

describe("client address", () => {
  it("with no trusted proxy, takes the connection and ignores a forged X-Forwarded-For", () => {
    expect(clientIpFrom({ socketAddress: "::ffff:203.0.113.9", forwardedFor: "1.2.3.4", hops: 0 })).toBe("203.0.113.9");
    expect(clientIpFrom({ socketAddress: "2001:db8::1", forwardedFor: undefined, hops: 0 })).toBe("2001:db8::1");
  });

  it("with N appending proxies, takes the Nth entry from the right, never the client-written ones", () => {
    // The client forged "1.2.3.4"; nginx appended the address it saw.
    expect(clientIpFrom({ socketAddress: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.9", hops: 1 })).toBe(
      "203.0.113.9",
    );
    // Two proxies: a CDN then nginx.
    expect(
      clientIpFrom({ socketAddress: "10.0.0.2", forwardedFor: "1.2.3.4, 198.51.100.7, 172.16.0.3", hops: 2 }),
    ).toBe("198.51.100.7");
    expect(clientIpFrom({ socketAddress: "10.0.0.2", forwardedFor: ["1.2.3.4", "203.0.113.9"], hops: 1 })).toBe(
      "203.0.113.9",
    );
  });

  it("falls back to the connection when the request skipped a proxy", () => {
    expect(clientIpFrom({ socketAddress: "203.0.113.50", forwardedFor: undefined, hops: 1 })).toBe("203.0.113.50");
    expect(clientIpFrom({ socketAddress: "203.0.113.50", forwardedFor: "1.2.3.4", hops: 2 })).toBe("203.0.113.50");
    expect(clientIpFrom({ socketAddress: undefined, forwardedFor: undefined, hops: 0 })).toBe("unknown");
  });
});
