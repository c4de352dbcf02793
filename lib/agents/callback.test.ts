// Status callbacks never reach our own network outside tests.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.unstubAllEnvs());

async function load(env: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", "postgresql://localhost/none");
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return import("./callback");
}

describe("callback targets", () => {
  it("refuses loopback, private, link-local and mapped addresses; accepts public ones", async () => {
    const { isPrivateAddress } = await load({});
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "100.64.0.1",
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ["93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it("in production: https only, and a loopback target is refused before any connection", async () => {
    const { isAcceptableCallbackUrl, postCallback, CallbackRefused } = await load({
      PORTAL_RUN_MODE: "production",
      DRP_ALLOW_PRIVATE_CALLBACKS: "1",
    });
    expect(isAcceptableCallbackUrl("http://agent.example/cb")).toBe(false);
    expect(isAcceptableCallbackUrl("https://user:pw@agent.example/cb")).toBe(false);
    expect(isAcceptableCallbackUrl("https://agent.example/cb")).toBe(true);
    await expect(postCallback("https://127.0.0.1:9/cb", {})).rejects.toBeInstanceOf(CallbackRefused);
    await expect(postCallback("https://localhost:9/cb", {})).rejects.toBeInstanceOf(CallbackRefused);
  });

  it("in tests with the flag: loopback http targets are allowed", async () => {
    const { isAcceptableCallbackUrl } = await load({ PORTAL_RUN_MODE: "test", DRP_ALLOW_PRIVATE_CALLBACKS: "1" });
    expect(isAcceptableCallbackUrl("http://127.0.0.1:4000/cb")).toBe(true);
  });
});
