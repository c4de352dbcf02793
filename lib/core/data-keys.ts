// Keys the app makes for itself and must keep for good, such as the key of the
// email suppression list (a keyed hash can never be re-keyed: the addresses are
// gone). Each is stored sealed with the AUTH_SECRET key ring, so rotating the
// secret re-seals it (npm run keys:reseal) instead of losing it.
import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "./db";
import { seal, unseal } from "./sealed";

/** The purpose under which a data key is sealed: one key cannot be swapped for another's. */
export const dataKeyPurpose = (purpose: string) => `data-key:${purpose}`;

const loaded = new Map<string, Buffer>();

/**
 * The data key for this purpose, created on first use from `initial()` (default: 32 random bytes).
 * Throws when the stored key was sealed with a secret that is not on the ring. Read and created
 * outside the caller's transaction: a key must never be used unless it is stored for good.
 */
export async function getDataKey(
  purpose: string,
  initial: () => Promise<Buffer> | Buffer = () => randomBytes(32),
): Promise<Buffer> {
  const cached = loaded.get(purpose);
  if (cached) return cached;
  let row = await prisma.sealedKey.findUnique({ where: { purpose } });
  if (!row) {
    const material = await initial();
    // Two processes may create it at once: the first insert wins and both use that one.
    await prisma.sealedKey.createMany({
      data: [{ purpose, sealed: seal(dataKeyPurpose(purpose), material.toString("base64")) }],
      skipDuplicates: true,
    });
    row = await prisma.sealedKey.findUniqueOrThrow({ where: { purpose } });
  }
  const opened = unseal(dataKeyPurpose(purpose), row.sealed);
  if (opened === null)
    throw new Error(
      `the ${purpose} data key was sealed with a secret that is not in AUTH_SECRET or AUTH_SECRET_PREVIOUS`,
    );
  const key = Buffer.from(opened, "base64");
  loaded.set(purpose, key);
  return key;
}
