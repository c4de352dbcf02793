// The request state machine as DRP sees it (3.02), and the mapping of exercises (3.01).
import { describe, expect, it } from "vitest";
import { lawOfRegime, normaliseExercise, planExercise } from "./exercise";
import { drpStatusOf, isFinal } from "./status";

const verified = new Date("2026-12-01T00:00:00Z");

describe("drpStatusOf", () => {
  it.each([
    [{ status: "RECEIVED", verifiedAt: null, denialReason: null }, "in_progress", "need_user_verification"],
    [{ status: "ACKNOWLEDGED", verifiedAt: null, denialReason: null }, "in_progress", "need_user_verification"],
    [{ status: "VERIFIED", verifiedAt: verified, denialReason: null }, "in_progress", null],
    [{ status: "IN_PROGRESS", verifiedAt: verified, denialReason: null }, "in_progress", null],
    [{ status: "COMPLETED", verifiedAt: verified, denialReason: null }, "fulfilled", null],
    [{ status: "WITHDRAWN", verifiedAt: null, denialReason: null }, "revoked", null],
    [{ status: "DENIED", verifiedAt: null, denialReason: "IDENTITY_NOT_VERIFIED" }, "denied", "insuf_verification"],
    [{ status: "DENIED", verifiedAt: verified, denialReason: "NO_MATCH" }, "denied", "no_match"],
    [{ status: "DENIED", verifiedAt: verified, denialReason: "LEGAL_OBLIGATION" }, "denied", "claim_not_covered"],
    [{ status: "DENIED", verifiedAt: verified, denialReason: "OTHER" }, "denied", "other"],
    [{ status: "DENIED", verifiedAt: verified, denialReason: null }, "denied", "other"],
    [{ status: "DENIED", verifiedAt: verified, denialReason: "SOMETHING_NEW" }, "denied", "other"],
  ] as const)("%o -> %s / %s", (state, status, reason) => {
    expect(drpStatusOf(state)).toEqual({ status, reason });
  });

  it("marks the final states", () => {
    expect(["fulfilled", "revoked", "denied", "expired"].every((s) => isFinal(s as never))).toBe(true);
    expect(isFinal("in_progress")).toBe(false);
    expect(isFinal("open")).toBe(false);
  });
});

describe("exercises", () => {
  it("maps each supported right onto a request type", () => {
    expect(planExercise("access").type).toBe("ACCESS");
    expect(planExercise("deletion").type).toBe("DELETION");
    expect(planExercise("sale:opt_out").type).toBe("OPT_OUT_SALE");
    expect(planExercise("sale:opt_in").type).toBe("OPT_IN_SALE");
  });

  it("reads both spellings of the opt-out and opt-in rights", () => {
    expect(normaliseExercise("sale:opt-out")).toBe("sale:opt_out");
    expect(normaliseExercise("SALE:OPT_IN")).toBe("sale:opt_in");
    expect(normaliseExercise("access:categories")).toBe("access:categories");
  });

  it("reads the regime as our law", () => {
    expect(lawOfRegime("ccpa")).toBe("CCPA");
    expect(lawOfRegime(undefined)).toBe("OTHER");
    expect(lawOfRegime("gdpr")).toBe("GDPR");
  });
});
