// DRP 0.9.4 section 3.07: a signed message is an Ed25519 signature (64 bytes) immediately
// followed by the JSON it signs, the whole base64-encoded ("combined mode" of libsodium).
// Checked in the spec's order with Node's own Ed25519: decodes, the signature validates with
// the agent's registered key, `agent-id` is that agent, `business-id` is us, `issued-at` is
// not in the future and `expires-at` not in the past. No I/O: the caller supplies the key and
// the clock (lib/core/clock.ts).
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const SIGNATURE_BYTES = 64;
/** Clock skew tolerated between the agent and us. */
export const CLOCK_SKEW_MS = 30_000;
/** The spec recommends windows of at most 10 minutes; longer ones make replays easier. */
export const MAX_WINDOW_MS = 60 * 60_000;
/** Largest signed body read (the JSON of one request with its identity claims). */
export const MAX_SIGNED_BYTES = 32_768;

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The 32-byte key from 64 hex characters (or the base64 of DRP 0.9's Service Directory); null when neither. */
export function parseVerifyKey(text: string): Buffer | null {
  const value = text.trim();
  if (HEX_KEY.test(value)) return Buffer.from(value, "hex");
  if (value.length === 44 && BASE64.test(value)) {
    const raw = Buffer.from(value, "base64");
    if (raw.length === 32) return raw;
  }
  return null;
}

/** Normalises a verify key to lower-case hex (how it is stored); null when it is not a key. */
export function normaliseVerifyKey(text: string): string | null {
  const raw = parseVerifyKey(text);
  if (!raw) return null;
  try {
    publicKeyFromRaw(raw);
  } catch {
    return null;
  }
  return raw.toString("hex");
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: "der", type: "spki" });
}

export type SignatureFailure =
  | "decode" // not base64, too short or too long
  | "signature" // does not validate with the agent's key
  | "json" // signed, but not a JSON object
  | "agent-id" // signed by this agent's key but naming another agent
  | "business-id" // meant for another business
  | "issued-at" // missing, unreadable or in the future
  | "expires-at" // missing, unreadable, past, or too far from issued-at
  | "key"; // the registered key is unusable

export type SignatureCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; failure: SignatureFailure };

function readTime(value: unknown): number | null {
  if (typeof value !== "string" || value.length > 64) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/** Verifies a signed DRP message (section 3.07); never throws on bad input. */
export function verifySignedMessage(options: {
  body: string;
  /** The agent's registered verify key (hex). */
  verifyKey: string;
  /** The agent the bearer token (or, for key setup, the path) names. */
  agentId: string;
  businessId: string;
  at: Date;
  /**
   * "required" (key setup, exercise): agent-id, business-id and the window must be there.
   * "if-present" (revoke, whose 2.04 example body is only `{ reason }`): checked when any is there.
   */
  envelope?: "required" | "if-present";
}): SignatureCheck {
  const text = options.body.trim();
  if (text.length === 0 || text.length > MAX_SIGNED_BYTES * 2 || !BASE64.test(text))
    return { ok: false, failure: "decode" };
  const buffer = Buffer.from(text, "base64");
  if (buffer.length <= SIGNATURE_BYTES || buffer.length > MAX_SIGNED_BYTES) return { ok: false, failure: "decode" };
  const raw = parseVerifyKey(options.verifyKey);
  if (!raw) return { ok: false, failure: "key" };
  let key: KeyObject;
  try {
    key = publicKeyFromRaw(raw);
  } catch {
    return { ok: false, failure: "key" };
  }
  const signature = buffer.subarray(0, SIGNATURE_BYTES);
  const message = buffer.subarray(SIGNATURE_BYTES);
  let valid = false;
  try {
    valid = verify(null, message, key, signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, failure: "signature" };
  let claims: unknown;
  try {
    claims = JSON.parse(message.toString("utf8"));
  } catch {
    return { ok: false, failure: "json" };
  }
  if (!claims || typeof claims !== "object" || Array.isArray(claims)) return { ok: false, failure: "json" };
  const record = claims as Record<string, unknown>;
  const envelopeKeys = ["agent-id", "business-id", "issued-at", "expires-at"];
  if (options.envelope === "if-present" && !envelopeKeys.some((key) => key in record))
    return { ok: true, claims: record };
  if (record["agent-id"] !== options.agentId) return { ok: false, failure: "agent-id" };
  if (record["business-id"] !== options.businessId) return { ok: false, failure: "business-id" };
  const at = options.at.getTime();
  const issuedAt = readTime(record["issued-at"]);
  if (issuedAt === null || issuedAt > at + CLOCK_SKEW_MS) return { ok: false, failure: "issued-at" };
  const expiresAt = readTime(record["expires-at"]);
  if (expiresAt === null || expiresAt <= at || expiresAt <= issuedAt || expiresAt - issuedAt > MAX_WINDOW_MS)
    return { ok: false, failure: "expires-at" };
  return { ok: true, claims: record };
}
