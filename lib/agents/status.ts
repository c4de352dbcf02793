// Our request statuses seen through DRP 0.9.4 (sections 3.02 and 3.03). Pure: the routes and the
// status-callback job build the status object from a request row with these.

export const DRP_STATUSES = ["open", "in_progress", "fulfilled", "revoked", "denied", "expired"] as const;
export type DrpStatus = (typeof DRP_STATUSES)[number];

export type DrpReason =
  | "need_user_verification"
  | "suspected_fraud"
  | "insuf_verification"
  | "no_match"
  | "claim_not_covered"
  | "outside_jurisdiction"
  | "too_many_requests"
  | "other";

/** Our denial reasons (lib/requests/catalog.ts DENIAL_REASONS, and matching outcomes) as DRP reasons. */
const DENIAL_TO_DRP: Record<string, DrpReason> = {
  IDENTITY_NOT_VERIFIED: "insuf_verification",
  NO_MATCH: "no_match",
  NOT_APPLICABLE: "claim_not_covered",
  LEGAL_OBLIGATION: "claim_not_covered",
  LEGAL_CLAIMS: "claim_not_covered",
  OTHERS_RIGHTS: "claim_not_covered",
  OUTSIDE_JURISDICTION: "outside_jurisdiction",
  SUSPECTED_FRAUD: "suspected_fraud",
  TOO_MANY_REQUESTS: "too_many_requests",
  MANIFESTLY_UNFOUNDED: "other",
  OTHER: "other",
};

export type RequestState = {
  /** Our RequestStatus (lib/generated/prisma/enums.ts), as text so this stays free of the database client. */
  status: string;
  /** Null while the consumer has not confirmed their address (nor the team verified them). */
  verifiedAt: Date | null;
  denialReason: string | null;
};

/** The DRP status and reason of a request in our state machine. */
export function drpStatusOf(request: RequestState): { status: DrpStatus; reason: DrpReason | null } {
  switch (request.status) {
    case "COMPLETED":
      return { status: "fulfilled", reason: null };
    case "WITHDRAWN":
      return { status: "revoked", reason: null };
    case "DENIED":
      return { status: "denied", reason: DENIAL_TO_DRP[request.denialReason ?? "OTHER"] ?? "other" };
    default:
      // Operated by the business itself, a request passes at once from open to in_progress (3.03 note 1).
      if (!request.verifiedAt) return { status: "in_progress", reason: "need_user_verification" };
      return { status: "in_progress", reason: null };
  }
}

/** Final states (3.02): no further change, and no revoke. */
export function isFinal(status: DrpStatus): boolean {
  return status === "fulfilled" || status === "revoked" || status === "denied" || status === "expired";
}
