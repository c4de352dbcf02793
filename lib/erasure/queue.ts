// Jobs the erasure engine tells about what it did, named here because their handlers live in
// domains above this one.

/** Defined by requests/ (REQUEST_JOBS.statusChanged): a request's status changed; `{ requestId }`. */
export const REQUEST_STATUS_CHANGED_JOB = "requests.status-changed";

/** Why an erased account's open requests closed (PrivacyRequest.closedReason), and the words shown for it. */
export const ACCOUNT_ERASED = "ACCOUNT_ERASED";
export const ACCOUNT_ERASED_TEXT = "Closed: the person deleted the account.";
