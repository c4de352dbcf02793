// The one place where domain errors become words for people. Domain functions
// throw AppError(code, { reason, params }); actions (lib/actions/index.ts) and
// pages call describeError() to show it. Add a reason here when you add one.
import type { AppError, AppErrorCode, AppErrorParams } from "../core/errors";

type Text = string | ((params: AppErrorParams) => string);

const plural = (count: number | string, one: string, many: string) => `${count} ${Number(count) === 1 ? one : many}`;
const minutes = (seconds: number | string) => plural(Math.max(1, Math.ceil(Number(seconds) / 60)), "minute", "minutes");

/** Default text per code, used when a reason has no text of its own. */
const byCode: Record<AppErrorCode, string> = {
  VALIDATION: "Please fix the highlighted fields.",
  UNAUTHENTICATED: "Your session has ended. Sign in again to continue.",
  FORBIDDEN: "You are not allowed to do that.",
  NOT_FOUND: "We could not find that.",
  CONFLICT: "That clashes with something that already exists.",
  LIMIT_REACHED: "You have done that many times recently. Please wait a while and try again.",
  INVALID_STATE: "That is not possible at this stage.",
  EXPIRED: "This link has expired.",
  UNAVAILABLE: "Something went wrong on our side. Please try again in a moment.",
};

/** Text per `CODE:REASON`. */
const byReason: Record<string, Text> = {
  // sign-in
  "LIMIT_REACHED:SIGN_IN_EMAIL": (p) =>
    `Too many sign-in links were requested for this address. Please wait ${minutes(p.retryAfterSeconds)} and try again.`,
  "LIMIT_REACHED:SIGN_IN_IP": (p) =>
    `Too many sign-in attempts from your network. Please wait ${minutes(p.retryAfterSeconds)} and try again.`,
  "UNAVAILABLE:SIGN_IN_EMAIL": "We could not send the email just now. Please try again in a few minutes.",
  // telemetry ingestion (answered as 503 with Retry-After; installs read the status, not these words)
  "UNAVAILABLE:TELEMETRY_BUSY": "Too many reports are waiting to be stored. Send this one again shortly.",
  "UNAVAILABLE:TELEMETRY_STORE": "The report could not be stored just now. Send it again shortly.",
  "UNAVAILABLE:TELEMETRY_DRAINING": "The collector is shutting down. Send the report again shortly.",
  "VALIDATION:TELEMETRY_UNSTORABLE":
    "The report holds a value the database cannot store (such as a NUL character or half of a UTF-16 surrogate pair). Fix the report; sending it again will not help.",
  // your data, export, correction
  "CONFLICT:EXPORT_STARTING": "Your export is being started right now. It appears below in a moment.",
  "LIMIT_REACHED:EXPORTS_PER_DAY": (p) =>
    `You can start up to ${p.limit} exports a day. Your latest archive is still available below.`,
  "NOT_FOUND:EXPORT": "We could not find that export.",
  "EXPIRED:EXPORT": "This archive has expired and was deleted. Start a new export.",
  "INVALID_STATE:EXPORT_NOT_READY": "This archive is not ready yet.",
  "NOT_FOUND:DATA_ITEM": "We could not find that item in your data.",
  "LIMIT_REACHED:CORRECTIONS_PER_DAY":
    "You have filed many correction requests today. Please wait for our answer, or file a general request.",
  "INVALID_STATE:BAD_CURSOR": "That page link is no longer valid. Showing the newest records.",
  "VALIDATION:BAD_FILTER":
    "Please check the filters: dates look like 2026-11-20, between 1900 and 9999, and no filter may contain control characters.",
  // profile and email change
  "CONFLICT:SAME_EMAIL": "That is already your email address.",
  "NOT_FOUND:EMAIL_CHANGE_LINK": "This link no longer works.",
  "EXPIRED:EMAIL_CHANGE_LINK": "This confirmation link has expired. Ask for a new one on your profile page.",
  "CONFLICT:EMAIL_TAKEN": "Another account already uses this email address.",
  "LIMIT_REACHED:EMAIL_CHANGES": "Too many changes in the last hour. Please try again later.",
  // preferences
  "NOT_FOUND:INSTALL": "We could not find that install on your account.",
  "LIMIT_REACHED:SAMPLES": "You asked for several samples already. Please wait a few minutes.",
  "INVALID_STATE:NOT_SUBSCRIBED": (p) =>
    `You are not subscribed to ${p.topic}, so we did not send it. Subscribe first, then ask again.`,
  "NOT_FOUND:RECIPIENT": "We could not send it.",
  "UNAVAILABLE:EMAIL": "We could not send the email just now. Please try again in a few minutes.",
  "VALIDATION:UNSUBSCRIBE_TOKEN": "This unsubscribe link is not valid (it was changed or cut short).",
  "NOT_FOUND:UNSUBSCRIBE_LINK":
    "This link is not valid any more. Open the link from your most recent email, or sign in to manage your preferences.",
  // policies
  "NOT_FOUND:POLICY_DOCUMENT": "No such policy document.",
  "NOT_FOUND:POLICY_DRAFT": "No such draft.",
  "NOT_FOUND:POLICY_VERSION": "No such policy version.",
  "CONFLICT:SLUG_TAKEN": "A document with this address already exists.",
  "CONFLICT:DRAFT_EXISTS": "This document already has a draft.",
  "INVALID_STATE:PUBLISHED": "Published versions cannot be changed; start a new draft.",
  "VALIDATION:SUMMARY_REQUIRED": "Write a summary of the changes before publishing.",
  "VALIDATION:EFFECTIVE_DATE_REQUIRED": "Choose an effective date.",
  "VALIDATION:EFFECTIVE_DATE_PAST": "The effective date must be in the future.",
  "VALIDATION:EFFECTIVE_DATE_BEFORE_LIVE": "The effective date must be after the latest published version's.",
  "VALIDATION:OVERRIDE_REASON_REQUIRED": (p) =>
    `A substantive change takes effect at least ${p.minDays} days after publishing, unless you record a reason (10 characters or more).`,
  "VALIDATION:CONFIRM_PUBLISH": "Tick the box to confirm: a published version cannot be changed.",
  // erasure
  "FORBIDDEN:FRESH_SIGN_IN_REQUIRED": (p) =>
    `For your safety, deleting your account needs a sign-in within the last ${p.minutes} minutes. Ask for a fresh sign-in link below.`,
  "VALIDATION:CONFIRM_EMAIL_MISMATCH": "Type your account's email address exactly as shown to confirm.",
  "NOT_FOUND:ERASURE": "We could not find that deletion.",
  "INVALID_STATE:EXPORT_RUNNING":
    "An export of this account is still being built; the deletion continues when it ends.",
  "INVALID_STATE:ERASURE_UNDER_WAY":
    "This account is being deleted. Once that is done you can sign up again with the same address.",
  // parents' requests
  "LIMIT_REACHED:PARENT_REQUESTS_EMAIL": (p) =>
    `Several requests were already sent from this address today. Please wait ${minutes(p.retryAfterSeconds)}, or reply to one of our emails.`,
  "LIMIT_REACHED:PARENT_REQUESTS_IP": (p) =>
    `Too many requests from your network. Please wait ${minutes(p.retryAfterSeconds)} and try again.`,
  // requests without an account (issue 19)
  "LIMIT_REACHED:SUBJECT_REQUESTS_EMAIL": (p) =>
    `Several requests were sent for this address today. Please wait ${minutes(p.retryAfterSeconds)} or use the links we already emailed.`,
  "LIMIT_REACHED:SUBJECT_REQUESTS_IP": (p) =>
    `Too many requests were sent from your network. Please wait ${minutes(p.retryAfterSeconds)} and try again.`,
  "VALIDATION:SUBJECT_REQUEST": "Some of the request's details are missing or not valid.",
  "VALIDATION:PERMISSION_MISSING": "Attach the consumer's signed permission (a PDF, PNG or JPEG file).",
  "VALIDATION:PERMISSION_TOO_LARGE": (p) => `The permission file is too large: at most ${p.limitMb} MB, please.`,
  "VALIDATION:PERMISSION_TYPE":
    "The permission file must be a PDF, PNG or JPEG (we check the file itself, not its name).",
  "NOT_FOUND:SUBJECT_LINK": "This link is not valid. Use the most recent link we emailed you.",
  "NOT_FOUND:SUBJECT_LINK_USED":
    "This link has already been used. Follow your request with the link in our latest email.",
  "EXPIRED:SUBJECT_LINK": "This confirmation link has expired (links work for 24 hours). Please send the form again.",
  "NOT_FOUND:SUBJECT_DOWNLOAD": "There is no download for this request.",
  "EXPIRED:SUBJECT_DOWNLOAD": "This download is no longer available.",
  "NOT_FOUND:PERMISSION_UPLOAD": "We could not find that file.",
  "NOT_FOUND:PARENT_LINK": "This link is not valid. Use the most recent link we emailed you.",
  "EXPIRED:PARENT_LINK": "This confirmation link has expired (links work for 24 hours). Please send the form again.",
  "NOT_FOUND:PARENT_DOWNLOAD": "We could not find that download.",
  "EXPIRED:PARENT_DOWNLOAD": "This download link has been used or has expired. Each link works once.",
  "INVALID_STATE:PARENT_DOWNLOAD": "Downloads are not available at this stage of the request.",
  "INVALID_STATE:PARENT_CONFIRM": "The deletion cannot be confirmed at this stage of the request.",
  "NOT_FOUND:PARENT_REQUEST": "No such request.",
  "INVALID_STATE:PARENT_DECIDED": "This request has already been decided.",
  "INVALID_STATE:PARENT_MATCHING": "We are still looking for matching accounts; try again in a moment.",
  // privacy requests
  "LIMIT_REACHED:OPEN_REQUESTS": (p) =>
    `You have ${p.limit} open requests. Please wait for our answers (or withdraw one) before filing another.`,
  "NOT_FOUND:REQUEST": "We could not find that request.",
  "INVALID_STATE:REQUEST_CLOSED": "This request is closed.",
  "VALIDATION:ASSIGNEE": "Choose a member of the privacy team.",
  "INVALID_STATE:ALREADY_VERIFIED": "The person's identity is already verified.",
  "INVALID_STATE:NOT_VERIFIED": "Verify the person's identity first.",
  "INVALID_STATE:ALREADY_STARTED": "Work on this request has already started.",
  "INVALID_STATE:EXTENSION_NOT_ALLOWED_BY_LAW": "This law allows no extension for this request.",
  "INVALID_STATE:EXTENSION_ALREADY_EXTENDED":
    "This request was already extended once; a request can be extended only once.",
  "INVALID_STATE:EXTENSION_DEADLINE_PASSED":
    "The deadline has passed: an extension had to be decided, and told to the person, before it.",
  "INVALID_STATE:EXTENSION_CLOSED": "This request is closed.",
  "VALIDATION:DENIAL_NOTE": "Explain the reason to the person.",
  "INVALID_STATE:WRONG_COMPLETION": "That is not how this kind of request is completed.",
  "INVALID_STATE:REQUEST_NO_ACCOUNT": "The person's account no longer exists.",
  "CONFLICT:EXPORT_UNDER_WAY": "The export for this request is already being prepared.",
  // authorized agents (DRP)
  "FORBIDDEN:DRP_SIGNATURE": "The signed message or the bearer token could not be verified.",
  "FORBIDDEN:DRP_NOT_YOUR_REQUEST": "This request was filed by another agent.",
  "NOT_FOUND:DRP_REQUEST": "No data rights request has this request_id.",
  "NOT_FOUND:DRP_RESULTS": "This request has no results to download (yet).",
  "VALIDATION:DRP_BAD_FIELD": (p) => `The signed request has a missing or malformed field: ${p.field}.`,
  "VALIDATION:DRP_UNSUPPORTED_EXERCISE":
    "Unsupported rights action: this business accepts deletion, access, sale:opt_out and sale:opt_in.",
  "VALIDATION:DRP_CALLBACK_URL":
    "The status_callback must be an https URL on a public address, without user name or password.",
  "VALIDATION:DRP_BODY": "The body must be the base64 text of a signed message (Content-Type text/plain).",
  "INVALID_STATE:DRP_REQUEST_FINAL": "This request is already in a final state and cannot be revoked.",
  "LIMIT_REACHED:DRP_AGENT": (p) => `Too many calls from this agent. Retry in ${p.retryAfterSeconds} seconds.`,
  "LIMIT_REACHED:DRP_IP": (p) => `Too many calls from this address. Retry in ${p.retryAfterSeconds} seconds.`,
  "NOT_FOUND:AGENT": "No such agent.",
  "CONFLICT:AGENT_ID_TAKEN": "An agent with this id is already registered.",
  "INVALID_STATE:AGENT_ALREADY_SUSPENDED": "This agent is already suspended.",
  "INVALID_STATE:AGENT_ALREADY_ACTIVE": "This agent is already active.",
  // second factor
  "FORBIDDEN:STEP_UP_REQUIRED": (p) =>
    `This action needs a fresh check of your second factor (within the last ${p.minutes} minutes). Use “Confirm it's you” in the admin menu, then try again.`,
  "LIMIT_REACHED:SECOND_FACTOR_ATTEMPTS": (p) =>
    `Too many wrong codes. Please wait ${minutes(p.retryAfterSeconds)} and try again.`,
  "VALIDATION:SECOND_FACTOR_WRONG": "That did not work. Check the code (or try your passkey again).",
  "INVALID_STATE:PASSKEY_CHALLENGE": "The passkey prompt expired. Start again.",
  "INVALID_STATE:NO_PASSKEY": "You have no passkey yet. Use your authenticator app or a recovery code.",
  "INVALID_STATE:TOTP_NOT_STARTED": "Start setting up the authenticator app again, then enter a code from it.",
  "INVALID_STATE:NO_SECOND_FACTOR": "Set up a second factor first.",
  "NOT_FOUND:SECOND_FACTOR": "We could not find that passkey or authenticator app on your account.",
  "INVALID_STATE:LAST_SECOND_FACTOR":
    "This is your only second factor. Add another passkey or an authenticator app before removing it.",
  "NOT_FOUND:ADMIN": "No such member of the privacy team.",
  "FORBIDDEN:RESET_OWN_SECOND_FACTOR":
    "You cannot reset your own second factor. Use a recovery code, or ask another admin to reset it.",
  // notices
  "INVALID_STATE:CAMPAIGN": "The campaign is not in a state that allows this.",
  "NOT_FOUND:CAMPAIGN": "No such notice campaign.",
  // breach notices
  "NOT_FOUND:BREACH": "No such breach.",
  "INVALID_STATE:BREACH_SENT": "This notice was already sent; a sent notice cannot change.",
  "INVALID_STATE:BREACH_NO_RECIPIENTS":
    "Nobody matches the selection, so there is nobody to notify. Change who is affected.",
  "CONFLICT:BREACH_RECIPIENTS_CHANGED": (p) =>
    `The number of recipients changed since the preview (now ${p.count}). Check the preview again before sending.`,
  "VALIDATION:BREACH_DISCOVERED_FUTURE": "The discovery date cannot be in the future.",
  "VALIDATION:BREACH_OCCURRED_FUTURE": "The date it happened cannot be in the future.",
  "NOT_FOUND:BREACH_NOTICE": "We could not find that notice.",
  // legal requests
  "NOT_FOUND:LEGAL_REQUEST": "No such legal request.",
  "VALIDATION:LEGAL_UNKNOWN_PEOPLE": (p) =>
    `No account uses ${p.emails}. List the affected people by the address of their account.`,
  "VALIDATION:LEGAL_PROHIBITION_PAST":
    "The end of the prohibition must be in the future. Without a prohibition in force, leave it empty.",
  "INVALID_STATE:LEGAL_PROHIBITED": (p) => `A legal prohibition forbids telling the people concerned until ${p.until}.`,
  "INVALID_STATE:LEGAL_ALREADY_NOTIFIED": "The people concerned were already told.",
  // retention, audit log
  "NOT_FOUND:RETENTION_TARGET": "No such kind of data.",
  "CONFLICT:RETENTION_BUSY": "A retention run is already under way. Wait for it to finish, then try again.",
  "VALIDATION:AUDIT_FILTER":
    "Please check the filters: dates look like 2026-11-20, between 1900 and 9999, and no filter may contain control characters.",
  // input in forms and addresses
  "VALIDATION:CONTROL_CHARACTERS":
    "This contains characters that are not allowed (invisible control characters). Remove them and try again.",
  "VALIDATION:BAD_QUERY":
    "This address contains a value we cannot read. Check the link, or start again from the page that led here.",
  "VALIDATION:BAD_PATH": "This address is not valid: it contains an incomplete or malformed %-sequence.",
  "VALIDATION:BODY_TOO_LARGE": (p) => `What you sent is too large (over ${p.megabytes} MB). Shorten it and try again.`,
  // access
  "UNAUTHENTICATED:NO_OWNER": "Sign in to see your data.",
  "FORBIDDEN:ADMIN_ONLY": "Only the privacy team can do that.",
  "NOT_FOUND:ACCOUNT": "We could not find your account. Sign in again to continue.",
};

/** Words for an AppError; null stands for an unexpected failure. */
export function describeError(error: Pick<AppError, "code" | "reason" | "params"> | null): string {
  if (!error) return byCode.UNAVAILABLE;
  const text = error.reason ? byReason[`${error.code}:${error.reason}`] : undefined;
  if (text === undefined) return byCode[error.code];
  return typeof text === "function" ? text(error.params) : text;
}
