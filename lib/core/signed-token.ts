// Signed tokens for links that work without a session (unsubscribe, open
// tracking, an erasure receipt page): base64url(JSON payload) "." base64url(HMAC).
// The key is derived from AUTH_SECRET per purpose, so a token made for one
// purpose is never accepted for another.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "./env";

export type TokenPurpose = "unsubscribe" | "email-open" | "erasure-receipt";

function keyFor(purpose: TokenPurpose, secret: string): Buffer {
  return createHmac("sha256", secret).update(`privacy-portal:${purpose}:v1`).digest();
}

export function signToken(purpose: TokenPurpose, payload: object, secret = env().AUTH_SECRET): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  const mac = createHmac("sha256", keyFor(purpose, secret)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

/** The payload of a token signed for this purpose, or null (tampered, cut short, other purpose). */
export function verifyToken(purpose: TokenPurpose, token: unknown, secret = env().AUTH_SECRET): unknown {
  if (typeof token !== "string" || token.length > 1024) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [body, mac] = parts;
  // Compare the canonical text, not decoded bytes: base64url has spare bits, so
  // a decoded comparison would accept a few altered spellings of the same MAC.
  const expected = Buffer.from(createHmac("sha256", keyFor(purpose, secret)).update(body).digest("base64url"));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}
