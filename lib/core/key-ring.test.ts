// Rotating AUTH_SECRET: everything sealed or signed before the rotation still
// works while the old secret is in AUTH_SECRET_PREVIOUS; `keys:reseal` rewrites
// the stored values; then the old secret can be dropped: sealed values still
// open, links signed with the old secret stop working.
import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

const A = "secret-a-0123456789abcdef-aaaa";
const B = "secret-b-0123456789abcdef-bbbb";

/** Fresh modules that read AUTH_SECRET / AUTH_SECRET_PREVIOUS as given (lib/core/env.ts caches what it read). */
async function withSecrets(current: string, previous = "") {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", current);
  vi.stubEnv("AUTH_SECRET_PREVIOUS", previous);
  return { sealed: await import("./sealed"), tokens: await import("./signed-token") };
}

// What the code before the key ring wrote: stored values and mailed links made then must keep working.
function legacySeal(purpose: string, value: string, secret: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv(
    "aes-256-gcm",
    createHash("sha256").update(`privacy-portal:sealed:${purpose}:${secret}`).digest(),
    iv,
  );
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}
function legacyToken(purpose: string, payload: object, secret: string) {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const key = createHmac("sha256", secret).update(`privacy-portal:${purpose}:v1`).digest();
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

let db: typeof import("./db");
const userId = "keyring-admin";

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", await createTestDatabase("key_ring", { migrate: true }));
  vi.stubEnv("AUTH_SECRET", A);
  db = await import("./db");
  await db.prisma.user.create({ data: { id: userId, email: "keyring-admin@example.com", role: "ADMIN" } });
});

afterAll(async () => {
  await db?.disconnectDb();
  vi.unstubAllEnvs();
});

describe("rotating AUTH_SECRET", () => {
  const issued = {} as {
    totp: string;
    parent: string;
    legacyParent: string;
    unsubscribe: string;
    receipt: string;
    legacyOpen: string;
  };

  it("reads everything issued with the old secret while it is AUTH_SECRET_PREVIOUS, and writes with the new one", async () => {
    const before = await withSecrets(A);
    issued.totp = before.sealed.seal("totp", "JBSWY3DPEHPK3PXP");
    issued.parent = before.sealed.seal("parent-status", "parent-status-token-1");
    issued.legacyParent = legacySeal("parent-status", "parent-status-token-2", A);
    issued.unsubscribe = before.tokens.signToken("unsubscribe", { u: "u1", c: "PROMOTIONS", t: 1 });
    issued.receipt = before.tokens.signToken("erasure-receipt", { e: "erasure-1" });
    issued.legacyOpen = legacyToken("email-open", { u: "u1", e: "7", c: "PROMOTIONS" }, A);
    // The suppression list: a row from before data keys, and one added now.
    const legacyHash = createHmac("sha256", `email-suppression:${A}`).update("erased-before@example.com").digest("hex");
    await db.prisma.emailSuppression.create({ data: { hash: legacyHash, reason: "erased" } });
    await (await import("../erasure/suppression")).suppressEmail(db.prisma, "Erased-Now@example.com ", "erased");
    await db.prisma.totpCredential.create({ data: { userId, secretSealed: issued.totp } });
    await db.prisma.parentRequest.createMany({
      data: [
        {
          id: "keyring-parent-1",
          parentName: "P",
          parentEmail: "p1@example.net",
          childIdentifiers: "c",
          relationship: "mother",
          accessTokenHash: "h1",
          accessTokenSealed: issued.parent,
        },
        {
          id: "keyring-parent-2",
          parentName: "P",
          parentEmail: "p2@example.net",
          childIdentifiers: "c",
          relationship: "mother",
          accessTokenHash: "h2",
          accessTokenSealed: issued.legacyParent,
        },
      ],
    });

    const during = await withSecrets(B, `  ${A} ,`);
    expect(during.sealed.unseal("totp", issued.totp)).toBe("JBSWY3DPEHPK3PXP");
    expect(during.sealed.unseal("parent-status", issued.parent)).toBe("parent-status-token-1");
    expect(during.sealed.unseal("parent-status", issued.legacyParent)).toBe("parent-status-token-2");
    expect(during.tokens.verifyToken("unsubscribe", issued.unsubscribe)).toEqual({ u: "u1", c: "PROMOTIONS", t: 1 });
    expect(during.tokens.verifyToken("erasure-receipt", issued.receipt)).toEqual({ e: "erasure-1" });
    expect(during.tokens.verifyToken("email-open", issued.legacyOpen)).toEqual({ u: "u1", e: "7", c: "PROMOTIONS" });
    // New values carry the new secret's key id, not the old one's.
    const fresh = during.sealed.seal("totp", "NEW");
    expect(fresh.split(".")[1]).not.toBe(issued.totp.split(".")[1]);
    expect((await withSecrets(A)).sealed.unseal("totp", fresh)).toBeNull();
  });

  it("re-seals every stored value with the new secret, with one audit row; then the old secret can be dropped", async () => {
    await withSecrets(B, A);
    const { resealStoredValues } = await import("../keys/reseal");
    const result = await resealStoredValues({ batchSize: 1 });
    expect(result.columns["TotpCredential.secretSealed"]).toEqual({ checked: 1, resealed: 1, unreadable: 0 });
    expect(result.columns["ParentRequest.accessTokenSealed"]).toEqual({ checked: 2, resealed: 2, unreadable: 0 });
    expect(result.columns["SealedKey.sealed"]).toEqual({ checked: 1, resealed: 1, unreadable: 0 });
    expect(await db.prisma.auditLog.count({ where: { action: "keys.resealed" } })).toBe(1);
    // A second run has nothing left to do.
    expect((await resealStoredValues()).columns["ParentRequest.accessTokenSealed"]).toMatchObject({ resealed: 0 });

    const after = await withSecrets(B);
    const totp = await db.prisma.totpCredential.findUniqueOrThrow({ where: { userId } });
    const parents = await db.prisma.parentRequest.findMany({ orderBy: { id: "asc" } });
    expect(after.sealed.unseal("totp", totp.secretSealed!)).toBe("JBSWY3DPEHPK3PXP");
    expect(parents.map((row) => after.sealed.unseal("parent-status", row.accessTokenSealed!))).toEqual([
      "parent-status-token-1",
      "parent-status-token-2",
    ]);
    // Erased people stay on the suppression list (a keyed hash cannot be re-made without the address).
    const suppression = await import("../erasure/suppression");
    expect(await suppression.isEmailSuppressed(db.prisma, "erased-before@example.com")).toBe(true);
    expect(await suppression.isEmailSuppressed(db.prisma, "erased-now@example.com")).toBe(true);
    expect(await suppression.isEmailSuppressed(db.prisma, "someone-else@example.com")).toBe(false);
    // What was only signed (mailed links) dies with the old secret, as it should.
    expect(after.tokens.verifyToken("unsubscribe", issued.unsubscribe)).toBeNull();
    expect(after.tokens.verifyToken("erasure-receipt", issued.receipt)).toBeNull();
    expect(after.tokens.verifyToken("email-open", issued.legacyOpen)).toBeNull();
    expect(after.sealed.unseal("totp", issued.totp)).toBeNull();
  });

  it("refuses a changed key id, and a value or token made for another purpose", async () => {
    const { sealed, tokens } = await withSecrets(B, A);
    const { keyIdOf } = await import("./key-ring");
    const value = sealed.seal("totp", "SECRET");
    const token = tokens.signToken("unsubscribe", { u: "u1" });
    const [, keyId, payload] = value.split(".");
    expect(keyId).toBe(keyIdOf(B));
    // The old secret's id (on the ring), an unknown id, and a malformed one.
    for (const other of [keyIdOf(A), "0badc0de", "XYZ", ""]) {
      expect(sealed.unseal("totp", `v2.${other}.${payload}`), other).toBeNull();
      expect(tokens.verifyToken("unsubscribe", [other, ...token.split(".").slice(1)].join(".")), other).toBeNull();
    }
    expect(sealed.unseal("parent-status", value)).toBeNull();
    expect(sealed.unseal("totp", value)).toBe("SECRET");
    expect(tokens.verifyToken("email-open", token)).toBeNull();
    expect(tokens.verifyToken("unsubscribe", token)).toEqual({ u: "u1" });
  });

  it("refuses a previous secret shorter than 16 characters", async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_SECRET", B);
    vi.stubEnv("AUTH_SECRET_PREVIOUS", `${A},short`);
    const { getKeyRing } = await import("./key-ring");
    expect(() => getKeyRing()).toThrow(/AUTH_SECRET_PREVIOUS/);
  });
});
