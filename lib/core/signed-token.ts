// Signed tokens for links that work without a session (unsubscribe, open
// tracking, an erasure receipt page):
//   <key id> "." base64url(JSON payload) "." base64url(HMAC-SHA256 of the two)
// The key is derived per purpose from a secret of the key ring
// (lib/core/key-ring.ts), so a token made for one purpose is never accepted for
// another, and a token signed before AUTH_SECRET was rotated still verifies while
// the old secret is in AUTH_SECRET_PREVIOUS. Tokens from before the key ring
// (body "." mac, no key id) verify the same way, with their old key.
import { createHmac, timingSafeEqual } from "node:crypto";
import { deriveKey, resolveKeyRing, ringSecrets, secretsWithId, type KeyRing } from "./key-ring";

export type TokenPurpose = "unsubscribe" | "email-open" | "erasure-receipt";

const legacyKey = (purpose: TokenPurpose, secret: string) =>
  createHmac("sha256", secret).update(`privacy-portal:${purpose}:v1`).digest();
const mac = (key: Buffer, signed: string) => createHmac("sha256", key).update(signed).digest("base64url");

/** Signs with the ring's current secret; `keys` defaults to the configured ring (a string: a ring of that one secret). */
export function signToken(purpose: TokenPurpose, payload: object, keys?: string | KeyRing): string {
  const ring = resolveKeyRing(keys);
  const signed = `${ring.current.id}.${Buffer.from(JSON.stringify(payload), "utf8").toString("base64url")}`;
  return `${signed}.${mac(deriveKey(ring.current, `token:${purpose}`), signed)}`;
}

// Compare the canonical text, not decoded bytes: base64url has spare bits, so
// a decoded comparison would accept a few altered spellings of the same MAC.
function sameMac(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The payload of a token signed for this purpose with a secret on the ring, or null (tampered, cut short, other purpose, unknown key). */
export function verifyToken(purpose: TokenPurpose, token: unknown, keys?: string | KeyRing): unknown {
  if (typeof token !== "string" || token.length > 1024) return null;
  const ring = resolveKeyRing(keys);
  const parts = token.split(".");
  let valid = false;
  let body: string;
  if (parts.length === 3) {
    const [keyId, payload, given] = parts;
    body = payload;
    valid = secretsWithId(ring, keyId).some((secret) =>
      sameMac(mac(deriveKey(secret, `token:${purpose}`), `${keyId}.${payload}`), given),
    );
  } else if (parts.length === 2) {
    const [payload, given] = parts;
    body = payload;
    valid = ringSecrets(ring).some((secret) => sameMac(mac(legacyKey(purpose, secret.secret), payload), given));
  } else return null;
  if (!valid) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}
