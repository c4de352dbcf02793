// The server's secrets as a key ring, so that AUTH_SECRET can be rotated without
// making every sealed value and signed link unreadable at once. The ring is the
// current secret (AUTH_SECRET) and, during a rotation, the ones it replaced
// (AUTH_SECRET_PREVIOUS, comma-separated). Every key is derived from one secret
// with HKDF-SHA256 for one purpose, and whatever is sealed or signed with it
// carries that secret's key id: writing uses the current secret, reading finds
// the secret by its id among all of them. README, "Rotating AUTH_SECRET".
import { createHmac, hkdfSync } from "node:crypto";
import { env } from "./env";

export type RingSecret = {
  /** 8 hex characters that name the secret without revealing it. */
  id: string;
  secret: string;
};
export type KeyRing = { current: RingSecret; previous: RingSecret[] };

const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;

/** The secret's key id: stable, short, and useless for guessing the secret. */
export function keyIdOf(secret: string): string {
  return createHmac("sha256", secret).update("privacy-portal:key-id:v1").digest("hex").slice(0, 8);
}

export function isKeyId(value: string): boolean {
  return KEY_ID_PATTERN.test(value);
}

export function createKeyRing(current: string, previous: readonly string[] = []): KeyRing {
  const seen = new Set([current]);
  const older = previous.filter((secret) => !seen.has(secret) && Boolean(seen.add(secret)));
  return {
    current: { id: keyIdOf(current), secret: current },
    previous: older.map((secret) => ({ id: keyIdOf(secret), secret })),
  };
}

let fromEnv: { current: string; previous: readonly string[]; ring: KeyRing } | null = null;

/** The ring configured by AUTH_SECRET and AUTH_SECRET_PREVIOUS. */
export function getKeyRing(): KeyRing {
  const config = env();
  if (fromEnv?.current !== config.AUTH_SECRET || fromEnv.previous !== config.AUTH_SECRET_PREVIOUS) {
    fromEnv = {
      current: config.AUTH_SECRET,
      previous: config.AUTH_SECRET_PREVIOUS,
      ring: createKeyRing(config.AUTH_SECRET, config.AUTH_SECRET_PREVIOUS),
    };
  }
  return fromEnv.ring;
}

/** A ring from an explicit secret (tests, tools), or the configured one. */
export function resolveKeyRing(keys?: string | KeyRing): KeyRing {
  if (keys === undefined) return getKeyRing();
  return typeof keys === "string" ? createKeyRing(keys) : keys;
}

/** Every secret on the ring, the current one first. */
export function ringSecrets(ring: KeyRing): RingSecret[] {
  return [ring.current, ...ring.previous];
}

/** The ring's secrets with this key id (one, except for a 1 in 4 billion collision; none when unknown). */
export function secretsWithId(ring: KeyRing, id: string): RingSecret[] {
  return isKeyId(id) ? ringSecrets(ring).filter((secret) => secret.id === id) : [];
}

const derived = new Map<string, Buffer>();

/**
 * The key for one purpose (e.g. "sealed:totp", "token:unsubscribe"): HKDF-SHA256 of the secret
 * with the purpose as context, so no two purposes share a key and none reveals the secret.
 */
export function deriveKey(secret: RingSecret, purpose: string, length = 32): Buffer {
  const cacheKey = `${length}\u0000${purpose}\u0000${secret.secret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret.secret, "privacy-portal:hkdf:v1", `privacy-portal:${purpose}`, length));
    if (derived.size > 1000) derived.clear();
    derived.set(cacheKey, key);
  }
  return key;
}
