// Secrets the server must read back later (not just compare): AES-256-GCM with a
// key derived per purpose from a secret of the key ring (lib/core/key-ring.ts).
// A database copy alone reveals nothing.
//
// Format: "v2.<key id>.<base64url(iv | tag | ciphertext)>". Values sealed before
// the key ring (plain base64url, key = SHA-256 of purpose and secret) are still
// read while the secret that sealed them is on the ring; `npm run keys:reseal`
// rewrites every stored value with the current key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { deriveKey, resolveKeyRing, ringSecrets, secretsWithId, type KeyRing } from "./key-ring";

const VERSION = "v2";

const legacyKey = (purpose: string, secret: string) =>
  createHash("sha256").update(`privacy-portal:sealed:${purpose}:${secret}`).digest();

function encrypt(key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function decrypt(key: Buffer, payload: string): string | null {
  try {
    const raw = Buffer.from(payload, "base64url");
    if (raw.length < 28) return null;
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** Seals with the ring's current secret. */
export function seal(purpose: string, value: string, keys?: string | KeyRing): string {
  const ring = resolveKeyRing(keys);
  return `${VERSION}.${ring.current.id}.${encrypt(deriveKey(ring.current, `sealed:${purpose}`), value)}`;
}

export type Opened = { value: string; keyId: string; legacy: boolean };

/** The value and the secret that sealed it, or null (tampered, other purpose, or sealed with a secret not on the ring). */
export function openSealed(purpose: string, sealed: string, keys?: string | KeyRing): Opened | null {
  if (typeof sealed !== "string") return null;
  const ring = resolveKeyRing(keys);
  const parts = sealed.split(".");
  if (parts.length === 3 && parts[0] === VERSION) {
    for (const secret of secretsWithId(ring, parts[1])) {
      const value = decrypt(deriveKey(secret, `sealed:${purpose}`), parts[2]);
      if (value !== null) return { value, keyId: secret.id, legacy: false };
    }
    return null;
  }
  if (parts.length !== 1) return null;
  for (const secret of ringSecrets(ring)) {
    const value = decrypt(legacyKey(purpose, secret.secret), sealed);
    if (value !== null) return { value, keyId: secret.id, legacy: true };
  }
  return null;
}

export function unseal(purpose: string, sealed: string, keys?: string | KeyRing): string | null {
  return openSealed(purpose, sealed, keys)?.value ?? null;
}

/** Whether a stored value is already sealed with the ring's current secret in the current format. */
export function isSealedWithCurrentKey(sealed: string, keys?: string | KeyRing): boolean {
  return sealed.startsWith(`${VERSION}.${resolveKeyRing(keys).current.id}.`);
}
