export type PolicyErrorCode =
  | "NOT_FOUND"
  | "IMMUTABLE"
  | "DRAFT_EXISTS"
  | "SLUG_TAKEN"
  | "INVALID_EFFECTIVE_DATE"
  | "OVERRIDE_REASON_REQUIRED"
  | "SUMMARY_REQUIRED"
  | "INVALID_STATE";

export class PolicyError extends Error {
  constructor(
    public readonly code: PolicyErrorCode,
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = "PolicyError";
  }
}
