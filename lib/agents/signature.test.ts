// DRP 3.07: every way a signed message can fail, and the one way it passes.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normaliseVerifyKey, parseVerifyKey, verifySignedMessage } from "./signature";

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  return { privateKey, hex: Buffer.from(raw).toString("hex") };
}

function signBody(privateKey: KeyObject, claims: object): string {
  const message = Buffer.from(JSON.stringify(claims));
  return Buffer.concat([sign(null, message, privateKey), message]).toString("base64");
}

const at = new Date("2026-12-07T12:00:00Z");
const claims = (over: Record<string, unknown> = {}) => ({
  "agent-id": "AGENT_ONE",
  "business-id": "PRIME_DIRECTIVE",
  "issued-at": "2026-12-07T11:59:00Z",
  "expires-at": "2026-12-07T12:09:00Z",
  "drp.version": "0.9.4",
  ...over,
});

describe("verifySignedMessage", () => {
  const agent = keyPair();
  const check = (body: string, over: Partial<Parameters<typeof verifySignedMessage>[0]> = {}) =>
    verifySignedMessage({
      body,
      verifyKey: agent.hex,
      agentId: "AGENT_ONE",
      businessId: "PRIME_DIRECTIVE",
      at,
      ...over,
    });

  it("accepts a valid message and returns its claims", () => {
    const result = check(signBody(agent.privateKey, claims({ exercise: "access" })));
    expect(result).toEqual({ ok: true, claims: expect.objectContaining({ exercise: "access" }) });
  });

  it("refuses a message signed with another key", () => {
    const other = keyPair();
    expect(check(signBody(other.privateKey, claims()))).toEqual({ ok: false, failure: "signature" });
  });

  it("refuses a tampered body", () => {
    const buffer = Buffer.from(signBody(agent.privateKey, claims({ exercise: "access" })), "base64");
    const tampered = Buffer.from(buffer.toString("latin1").replace('"access"', '"delete"'), "latin1");
    expect(tampered.equals(buffer)).toBe(false);
    expect(check(tampered.toString("base64"))).toEqual({ ok: false, failure: "signature" });
  });

  it("refuses an expired message", () => {
    const body = signBody(agent.privateKey, claims({ "expires-at": "2026-12-07T11:59:30Z" }));
    expect(check(body)).toEqual({ ok: false, failure: "expires-at" });
  });

  it("refuses a message issued in the future (beyond the clock skew)", () => {
    const body = signBody(
      agent.privateKey,
      claims({ "issued-at": "2026-12-07T12:05:00Z", "expires-at": "2026-12-07T12:10:00Z" }),
    );
    expect(check(body)).toEqual({ ok: false, failure: "issued-at" });
  });

  it("refuses a window far longer than the spec recommends", () => {
    const body = signBody(agent.privateKey, claims({ "expires-at": "2026-12-08T12:00:00Z" }));
    expect(check(body)).toEqual({ ok: false, failure: "expires-at" });
  });

  it("refuses a message for another business", () => {
    expect(check(signBody(agent.privateKey, claims({ "business-id": "SOMEONE_ELSE" })))).toEqual({
      ok: false,
      failure: "business-id",
    });
  });

  it("refuses a message whose agent-id is not the agent of the path or token", () => {
    const body = signBody(agent.privateKey, claims({ "agent-id": "AGENT_TWO" }));
    expect(check(body)).toEqual({ ok: false, failure: "agent-id" });
    expect(check(signBody(agent.privateKey, claims()), { agentId: "AGENT_TWO" })).toEqual({
      ok: false,
      failure: "agent-id",
    });
  });

  it("refuses what does not decode: not base64, only a signature, empty", () => {
    expect(check("not base64 at all!")).toEqual({ ok: false, failure: "decode" });
    expect(check(Buffer.alloc(64).toString("base64"))).toEqual({ ok: false, failure: "decode" });
    expect(check("")).toEqual({ ok: false, failure: "decode" });
  });

  it("refuses a signed body that is not a JSON object", () => {
    const message = Buffer.from("[1,2]");
    const body = Buffer.concat([sign(null, message, agent.privateKey), message]).toString("base64");
    expect(check(body)).toEqual({ ok: false, failure: "json" });
  });
});

describe("revoke bodies (2.04: only a reason)", () => {
  const agent = keyPair();
  const check = (body: string) =>
    verifySignedMessage({
      body,
      verifyKey: agent.hex,
      agentId: "AGENT_ONE",
      businessId: "PRIME_DIRECTIVE",
      at,
      envelope: "if-present",
    });

  it("accepts a signed bare reason, but still checks the signature", () => {
    expect(check(signBody(agent.privateKey, { reason: "changed my mind" }))).toEqual({
      ok: true,
      claims: { reason: "changed my mind" },
    });
    expect(check(signBody(keyPair().privateKey, { reason: "x" }))).toEqual({ ok: false, failure: "signature" });
  });

  it("checks the envelope whenever the body carries one", () => {
    expect(check(signBody(agent.privateKey, claims({ reason: "x", "business-id": "OTHER" })))).toEqual({
      ok: false,
      failure: "business-id",
    });
    expect(check(signBody(agent.privateKey, { reason: "x", "agent-id": "AGENT_ONE" }))).toEqual({
      ok: false,
      failure: "business-id",
    });
  });
});

describe("verify keys", () => {
  it("reads 64 hex characters and the base64 of DRP 0.9's directory, nothing else", () => {
    const agent = keyPair();
    expect(normaliseVerifyKey(agent.hex.toUpperCase())).toBe(agent.hex);
    expect(normaliseVerifyKey(Buffer.from(agent.hex, "hex").toString("base64"))).toBe(agent.hex);
    expect(parseVerifyKey("abcd")).toBeNull();
    expect(parseVerifyKey("z".repeat(64))).toBeNull();
  });
});
