import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOpenToken, createUnsubscribeToken, verifyOpenToken, verifyUnsubscribeToken } from "./unsubscribe";

const secret = "test-secret-0123456789abcdef";

describe("unsubscribe tokens", () => {
  it("round-trip the user and the one category", () => {
    const token = createUnsubscribeToken({ userId: "user_1", category: "PROMOTIONS" }, secret);
    expect(verifyUnsubscribeToken(token, secret)).toMatchObject({ userId: "user_1", category: "PROMOTIONS" });
  });

  it("refuse any change to the token", () => {
    const token = createUnsubscribeToken({ userId: "user_1", category: "PRODUCT_NEWS" }, secret);
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        (index, replacement) => {
          fc.pre(token[index] !== replacement);
          const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
          return verifyUnsubscribeToken(tampered, secret) === null;
        },
      ),
    );
    // Re-signing the payload with another category needs the secret.
    const [keyId, body, mac] = token.split(".");
    const other = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), c: "PROMOTIONS" }),
    ).toString("base64url");
    expect(verifyUnsubscribeToken(`${keyId}.${other}.${mac}`, secret)).toBeNull();
    expect(verifyUnsubscribeToken(token, "another-secret-0123456789")).toBeNull();
  });

  it("cannot be used as open-tracking tokens, nor the other way round", () => {
    const unsubscribe = createUnsubscribeToken({ userId: "u", category: "PRODUCT_NEWS" }, secret);
    const open = createOpenToken({ userId: "u", emailEventId: "1", category: "PRODUCT_NEWS" }, secret);
    expect(verifyOpenToken(unsubscribe, secret)).toBeNull();
    expect(verifyUnsubscribeToken(open, secret)).toBeNull();
    expect(verifyOpenToken(open, secret)).toMatchObject({ userId: "u", emailEventId: "1" });
  });

  it("never throw on garbage", () => {
    fc.assert(fc.property(fc.anything(), (value) => verifyUnsubscribeToken(value, secret) === null));
  });
});
