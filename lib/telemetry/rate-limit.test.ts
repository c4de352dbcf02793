import { describe, expect, it } from "vitest";
import { InstallRateLimiter } from "./store";

describe("per-install rate limit", () => {
  it("allows N reports per minute per install, then says when to retry", () => {
    const limiter = new InstallRateLimiter(3);
    const start = 1_000_000;
    expect([1, 2, 3].map(() => limiter.consume("a", start).ok)).toEqual([true, true, true]);
    expect(limiter.consume("a", start + 15_000)).toEqual({ ok: false, retryAfterSeconds: 45 });
    // Other installs are not affected.
    expect(limiter.consume("b", start + 15_000).ok).toBe(true);
    // A new window starts after a minute.
    expect(limiter.consume("a", start + 60_000).ok).toBe(true);
  });
});
