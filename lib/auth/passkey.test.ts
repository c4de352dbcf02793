// Passkeys against a real database with a software authenticator (node:crypto), so the
// stored shape is pinned across @simplewebauthn majors: a credential row is the base64url
// of the raw credential id, the COSE public key bytes and the signature counter, as
// @simplewebauthn/server 9 wrote them. Rows written before an upgrade must keep signing in,
// and rows written after it must look the same.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

vi.mock("./second-factor-notice", () => ({ sendSecondFactorNotice: vi.fn(async () => true) }));

const APP_URL = "https://portal.example.test";
const RP_ID = "portal.example.test";

let pool: pg.Pool;
let factor: typeof import("./second-factor");

beforeAll(async () => {
  const url = await createTestDatabase("passkey", { migrate: true });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("APP_URL", APP_URL);
  factor = await import("./second-factor");
});

afterAll(async () => {
  await pool?.end();
});

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

// ------------------------------------------------ a software authenticator ----

/** Minimal CBOR: the few major types a COSE key and a "none" attestation object use. */
function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
}
const cborText = (text: string) => Buffer.concat([cborHead(3, Buffer.byteLength(text)), Buffer.from(text)]);
const cborBytes = (bytes: Uint8Array) => Buffer.concat([cborHead(2, bytes.length), bytes]);

type Authenticator = { rawId: Buffer; privateKey: KeyObject; cosePublicKey: Buffer; counter: number };

function newAuthenticator(): Authenticator {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const x = Buffer.from(jwk.x!, "base64url");
  const y = Buffer.from(jwk.y!, "base64url");
  // COSE_Key { 1 (kty): 2 (EC2), 3 (alg): -7 (ES256), -1 (crv): 1 (P-256), -2 (x), -3 (y) }
  const cosePublicKey = Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21]),
    cborBytes(x),
    Buffer.from([0x22]),
    cborBytes(y),
  ]);
  return { rawId: randomBytes(32), privateKey, cosePublicKey, counter: 0 };
}

function authenticatorData(flags: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([sha256(RP_ID), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
}

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

/** What navigator.credentials.create() answers, serialized as a browser library sends it. */
function registrationResponse(authenticator: Authenticator, challenge: string, origin = APP_URL) {
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(authenticator.rawId.length);
  const attested = Buffer.concat([Buffer.alloc(16), idLength, authenticator.rawId, authenticator.cosePublicKey]);
  const authData = authenticatorData(UP | UV | AT, 0, attested);
  const attestationObject = Buffer.concat([
    Buffer.from([0xa3]),
    cborText("fmt"),
    cborText("none"),
    cborText("attStmt"),
    Buffer.from([0xa0]),
    cborText("authData"),
    cborBytes(authData),
  ]);
  const clientDataJSON = Buffer.from(
    JSON.stringify({ type: "webauthn.create", challenge, origin, crossOrigin: false }),
  );
  return {
    id: b64url(authenticator.rawId),
    rawId: b64url(authenticator.rawId),
    type: "public-key" as const,
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64url(clientDataJSON),
      attestationObject: b64url(attestationObject),
      transports: ["internal" as const],
    },
  };
}

/** What navigator.credentials.get() answers; the counter moves on unless `counter` is given. */
function authenticationResponse(
  authenticator: Authenticator,
  challenge: string,
  options: { origin?: string; counter?: number; userHandle?: string } = {},
) {
  const counter = options.counter ?? ++authenticator.counter;
  const authData = authenticatorData(UP | UV, counter);
  const clientDataJSON = Buffer.from(
    JSON.stringify({ type: "webauthn.get", challenge, origin: options.origin ?? APP_URL, crossOrigin: false }),
  );
  const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), authenticator.privateKey);
  return {
    id: b64url(authenticator.rawId),
    rawId: b64url(authenticator.rawId),
    type: "public-key" as const,
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64url(clientDataJSON),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      ...(options.userHandle ? { userHandle: options.userHandle } : {}),
    },
  };
}

// ---------------------------------------------------------------- fixtures ----

let admins = 0;

/** An admin with a database session; `passedFactor` marks the session as just verified (step-up). */
async function createAdmin(options: { passedFactor?: boolean } = {}) {
  const userId = `passkeyadmin${++admins}${randomBytes(4).toString("hex")}`;
  const email = `${userId}@example.test`;
  const sessionToken = randomBytes(32).toString("hex");
  await pool.query(
    `INSERT INTO "User" (id, email, role, "createdAt", "updatedAt") VALUES ($1, $2, 'ADMIN', now(), now())`,
    [userId, email],
  );
  await pool.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "secondFactorAt") VALUES ($1, $2, $3, now() + interval '1 day', $4)`,
    [`s-${userId}`, sessionToken, userId, options.passedFactor ? new Date() : null],
  );
  return { viewer: { userId, email, name: null, role: "ADMIN" as const }, session: { sessionToken }, ip: null };
}

/** A credential row exactly as @simplewebauthn/server 9 had it written (lib/auth/second-factor.ts before the upgrade). */
async function storeAsVersion9(userId: string, authenticator: Authenticator, counter: number) {
  authenticator.counter = counter;
  await pool.query(
    `INSERT INTO "PasskeyCredential" (id, "userId", "publicKey", counter, transports) VALUES ($1, $2, $3, $4, $5)`,
    [
      Buffer.from(authenticator.rawId).toString("base64url"),
      userId,
      authenticator.cosePublicKey,
      counter,
      ["internal"],
    ],
  );
}

const rowOf = async (id: string) =>
  (
    await pool.query<{
      id: string;
      userId: string;
      publicKey: Buffer;
      counter: number;
      transports: string[];
      lastUsedAt: Date | null;
    }>(`SELECT * FROM "PasskeyCredential" WHERE id = $1`, [id])
  ).rows[0];
const sessionOf = async (sessionToken: string) =>
  (
    await pool.query<{ secondFactorAt: Date | null; webauthnChallenge: string | null }>(
      `SELECT "secondFactorAt", "webauthnChallenge" FROM "Session" WHERE "sessionToken" = $1`,
      [sessionToken],
    )
  ).rows[0];
const wrong = { code: "VALIDATION", reason: "SECOND_FACTOR_WRONG" };

// ------------------------------------------------------------------- tests ----

describe("a passkey stored before the upgrade", () => {
  it("is offered by its stored id and signs in; the new counter and last use are stored", async () => {
    const context = await createAdmin();
    const authenticator = newAuthenticator();
    await storeAsVersion9(context.viewer.userId, authenticator, 41);
    const storedId = b64url(authenticator.rawId);

    const options = await factor.passkeyAuthenticationOptions(context);
    expect(options.rpId).toBe(RP_ID);
    expect(options.allowCredentials).toEqual([{ id: storedId, type: "public-key", transports: ["internal"] }]);
    expect((await sessionOf(context.session.sessionToken)).webauthnChallenge).toBe(`authenticate:${options.challenge}`);

    await factor.finishPasskeyAuthentication({
      ...context,
      response: authenticationResponse(authenticator, options.challenge, {
        userHandle: b64url(Buffer.from(context.viewer.userId)),
      }) as never,
    });
    const row = await rowOf(storedId);
    expect(row.counter).toBe(42);
    expect(row.lastUsedAt).not.toBeNull();
    const session = await sessionOf(context.session.sessionToken);
    expect(session.secondFactorAt).not.toBeNull();
    expect(session.webauthnChallenge).toBeNull();
  });

  it("is excluded by its stored id when the admin adds another passkey", async () => {
    const context = await createAdmin({ passedFactor: true });
    const authenticator = newAuthenticator();
    await storeAsVersion9(context.viewer.userId, authenticator, 3);
    const options = await factor.passkeyRegistrationOptions(context);
    expect(options.excludeCredentials?.map((credential) => credential.id)).toEqual([b64url(authenticator.rawId)]);
  });

  it("refuses a replayed counter, a wrong origin, a registration challenge and another admin's passkey", async () => {
    const context = await createAdmin();
    const authenticator = newAuthenticator();
    await storeAsVersion9(context.viewer.userId, authenticator, 7);

    let options = await factor.passkeyAuthenticationOptions(context);
    await expect(
      factor.finishPasskeyAuthentication({
        ...context,
        response: authenticationResponse(authenticator, options.challenge, { counter: 7 }) as never,
      }),
    ).rejects.toMatchObject(wrong);
    options = await factor.passkeyAuthenticationOptions(context);
    await expect(
      factor.finishPasskeyAuthentication({
        ...context,
        response: authenticationResponse(authenticator, options.challenge, {
          origin: "https://evil.example.test",
        }) as never,
      }),
    ).rejects.toMatchObject(wrong);
    // A sign-in answer to a registration challenge (the purpose prefix) is refused.
    await pool.query(`UPDATE "Session" SET "webauthnChallenge" = $1 WHERE "sessionToken" = $2`, [
      `register:${options.challenge}`,
      context.session.sessionToken,
    ]);
    await expect(
      factor.finishPasskeyAuthentication({
        ...context,
        response: authenticationResponse(authenticator, options.challenge) as never,
      }),
    ).rejects.toMatchObject(wrong);

    const other = await createAdmin();
    const othersKey = newAuthenticator();
    await storeAsVersion9(other.viewer.userId, othersKey, 0);
    options = await factor.passkeyAuthenticationOptions(context);
    await expect(
      factor.finishPasskeyAuthentication({
        ...context,
        response: authenticationResponse(othersKey, options.challenge) as never,
      }),
    ).rejects.toMatchObject(wrong);

    expect((await sessionOf(context.session.sessionToken)).secondFactorAt).toBeNull();
    expect((await rowOf(b64url(authenticator.rawId))).counter).toBe(7);
  });
});

describe("a passkey registered now", () => {
  it("is stored in the same shape (base64url raw id, COSE key bytes, counter, transports) and then signs in", async () => {
    const context = await createAdmin();
    const authenticator = newAuthenticator();
    const options = await factor.passkeyRegistrationOptions(context);
    expect(options.rp).toMatchObject({ id: RP_ID });
    expect((await sessionOf(context.session.sessionToken)).webauthnChallenge).toBe(`register:${options.challenge}`);

    const { recoveryCodes } = await factor.finishPasskeyRegistration({
      ...context,
      response: registrationResponse(authenticator, options.challenge) as never,
    });
    expect(recoveryCodes).toHaveLength(10);
    const row = await rowOf(b64url(authenticator.rawId));
    expect(row).toMatchObject({ userId: context.viewer.userId, counter: 0, transports: ["internal"] });
    expect(Buffer.from(row.publicKey).equals(authenticator.cosePublicKey)).toBe(true);

    const fresh = { ...context, session: { sessionToken: randomBytes(32).toString("hex") } };
    await pool.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`,
      [`s2-${context.viewer.userId}`, fresh.session.sessionToken, context.viewer.userId],
    );
    const signIn = await factor.passkeyAuthenticationOptions(fresh);
    await factor.finishPasskeyAuthentication({
      ...fresh,
      response: authenticationResponse(authenticator, signIn.challenge) as never,
    });
    expect((await rowOf(b64url(authenticator.rawId))).counter).toBe(1);
    expect((await sessionOf(fresh.session.sessionToken)).secondFactorAt).not.toBeNull();
  });

  it("names the admin with the same user handle as before the upgrade (the UTF-8 bytes of the user id) and offers the same key algorithms", async () => {
    const context = await createAdmin();
    const options = await factor.passkeyRegistrationOptions(context);
    // @simplewebauthn 9 sent the user id as a string and its browser half encoded it as UTF-8;
    // from v10 the options carry the handle's bytes as base64url.
    expect(Buffer.from(options.user.id, "base64url").toString("utf8")).toBe(context.viewer.userId);
    expect(options.user).toMatchObject({ name: context.viewer.email, displayName: context.viewer.email });
    expect(options.pubKeyCredParams.map((parameter) => parameter.alg)).toEqual([-8, -7, -257]);
    expect(options).toMatchObject({
      attestation: "none",
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    });
  });

  it("refuses a registration answer to a sign-in challenge", async () => {
    const context = await createAdmin();
    const options = await factor.passkeyRegistrationOptions(context);
    await pool.query(`UPDATE "Session" SET "webauthnChallenge" = $1 WHERE "sessionToken" = $2`, [
      `authenticate:${options.challenge}`,
      context.session.sessionToken,
    ]);
    await expect(
      factor.finishPasskeyRegistration({
        ...context,
        response: registrationResponse(newAuthenticator(), options.challenge) as never,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      reason: "PASSKEY_CHALLENGE",
    });
    expect(
      (
        await pool.query(`SELECT count(*)::int AS n FROM "PasskeyCredential" WHERE "userId" = $1`, [
          context.viewer.userId,
        ])
      ).rows[0].n,
    ).toBe(0);
  });
});
