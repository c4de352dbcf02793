// What erasure does with every table, in one place. The engine (engine.ts) runs
// this plan, and tests/unit/erasure-coverage.test.ts reads the catalog of the
// migrated database and fails when a table that refers to a person, or holds an
// email address or an IP address, is in neither ERASURE_PLAN nor KEPT. Keys are
// table names as in the database. Add a new table here when you add it.

export type ErasureRule =
  /** Large per-person tables, deleted in keyset batches before the account row (other people's pages stay fast). */
  | { how: "batched"; table: string; time: string; id: string; owner: string }
  /** Deleted with the account row (foreign key ON DELETE CASCADE). */
  | { how: "cascade" }
  /** Rows found by the person's email address rather than their id. */
  | { how: "by-email"; note: string }
  /** Rows kept for a reason, with their personal fields removed. */
  | { how: "scrub"; note: string }
  /** Rows of one privacy request (foreign key ON DELETE CASCADE), removed for the person's requests. */
  | { how: "with-request"; note: string };

export const ERASURE_PLAN: Record<string, ErasureRule> = {
  // Large tables first, in batches. Keyset order (time, id) follows each table's (owner, time, id) index.
  ServerLogRecord: { how: "batched", table: "ServerLogRecord", time: "occurredAt", id: "id", owner: "userId" },
  TelemetryReport: { how: "batched", table: "TelemetryReport", time: "receivedAt", id: "id", owner: "userId" },
  EmailEvent: { how: "batched", table: "EmailEvent", time: "occurredAt", id: "id", owner: "userId" },
  ConsentEvent: { how: "batched", table: "ConsentEvent", time: "occurredAt", id: "id", owner: "userId" },

  // Then the account row, which takes these with it.
  User: { how: "cascade" },
  Account: { how: "cascade" },
  Session: { how: "cascade" },
  Profile: { how: "cascade" },
  UserPreferences: { how: "cascade" },
  Cluster: { how: "cascade" },
  CrashReport: { how: "cascade" },
  ThirdPartyRecord: { how: "cascade" },
  Inference: { how: "cascade" },
  EmailSubscription: { how: "cascade" },
  NoticeDelivery: { how: "cascade" },
  PolicyBannerDismissal: { how: "cascade" },
  PolicyNoticePreference: { how: "cascade" },
  PendingEmailChange: { how: "cascade" },
  // Archive files are deleted from storage first (engine.ts), then the rows go with the account.
  ExportJob: { how: "cascade" },
  // Deleting the key is the crypto-shredding of the audit log (lib/audit/person-key.ts).
  PersonKey: { how: "cascade" },
  TotpCredential: { how: "cascade" },
  PasskeyCredential: { how: "cascade" },
  RecoveryCode: { how: "cascade" },
  // The person's place in a legal request; the register entry itself stays (it names nobody else).
  LegalRequestSubject: { how: "cascade" },

  VerificationToken: {
    how: "by-email",
    note: "pending sign-in links: identifier is the address (and a pending new address)",
  },
  rate_limits: { how: "by-email", note: "the per-address sign-in counter, keyed by a hash of the address" },
  // Address-keyed data about people with or without an account (lib/data/registry.ts, "contacts").
  NewsletterSubscriber: { how: "by-email", note: "newsletter subscriptions of the account's address" },
  EventSignup: { how: "by-email", note: "event sign-ups of the account's address" },
  ContactMessage: { how: "by-email", note: "contact-form messages of the account's address" },

  AgentPermissionUpload: {
    how: "with-request",
    note: "an authorized agent's upload of the consumer's permission: file deleted from storage, row deleted, for every request of the person",
  },
  SubjectVerificationToken: {
    how: "with-request",
    note: "single-use confirmation links of a request filed by address (hash only); deleted with the request",
  },
  RequestSubjectMatch: {
    how: "scrub",
    note: "how a request filed by address was matched: the matched account's id is removed, the dataset and count kept",
  },

  PrivacyRequest: {
    how: "scrub",
    note: "kept 24 months for the public request metrics (CCPA regs 7102): type, law, dates, outcome; the owner (SET NULL), details, subject, the address and name a request was filed with and any agent's name and address are removed; open requests close as withdrawn (closedReason ACCOUNT_ERASED)",
  },
  PrivacyRequestEvent: { how: "scrub", note: "the request's timeline: notes and actor removed, status and dates kept" },
  ParentRequest: {
    how: "scrub",
    note: "a parent's request naming the person (as child or as parent): their address is replaced",
  },
  NoticeCampaign: { how: "scrub", note: "createdById of an erased admin is removed" },
  Breach: {
    how: "scrub",
    note: "the breach record is kept as proof of notification; the person's address is removed from its recipient list and createdById of an erased admin is removed",
  },
  LegalRequest: {
    how: "scrub",
    note: "the register entry is kept for the transparency counts; createdById of an erased admin is removed (the person's link to it is a LegalRequestSubject, deleted with the account)",
  },
  Erasure: {
    how: "scrub",
    note: "the erasure's own record: user id and receipt address removed when done; counts and dates kept",
  },
};

/** Tables erasure leaves as they are, and why. */
export const KEPT: Record<string, string> = {
  Agent:
    "an authorized agent's registration (DRP): its name and contact are the agent business's, not a consumer's; no consumer is named",
  AgentToken: "hashes of an agent's bearer tokens; nothing about a consumer",
  AgentCall:
    "the log of an agent's calls (agent, endpoint, HTTP status, outcome, the DRP request id); no claims, addresses or IPs are stored",
  AgentRequest:
    "the DRP side of a privacy request (agent, exercise, callback URL, dates); the consumer's identity claims are never stored here, and the privacy request it points to is scrubbed like any other",
  AuditLog:
    "append-only by law and by trigger; it names people only by their audit reference and holds their IP addresses encrypted with their own key, both made meaningless when PersonKey is deleted",
  EmailSuppression:
    "a keyed hash of the erased address, so that a marketing list imported later cannot email the person again (no address is stored)",
  CaughtMail:
    "the development mail catcher stands for people's inboxes: mail already sent is theirs; it is off in production",
  PolicyVersion:
    "public, immutable policy versions; createdById names the admin who drafted it as part of the published record",
};

export const BATCHED_RULES = Object.values(ERASURE_PLAN).filter(
  (rule): rule is Extract<ErasureRule, { how: "batched" }> => rule.how === "batched",
);

/** What is kept after an account is deleted, in the words the delete page and the receipt use. */
export const KEPT_FOR_PEOPLE: { what: string; why: string; howLong: string }[] = [
  {
    what: "A record that each of your privacy requests was received and answered (its type, the law, the dates and the outcome), without your name, address or any text you wrote",
    why: "The law requires us to publish request metrics (California regulations, 11 CCR 7102) and to be able to show that we answered",
    howLong: "24 months from the request",
  },
  {
    what: "A one-way code made from your email address (not the address itself)",
    why: "So that a mailing list we receive later can never be used to send you marketing again",
    howLong: "For as long as we send marketing email",
  },
  {
    what: "Entries in our security audit log, which name you only by a random reference; your IP addresses in it were encrypted with a key that is now destroyed",
    why: "The log cannot be edited, so that it can prove what our staff and systems did",
    howLong: "As long as the audit log (nothing in it can be linked to you any more)",
  },
  {
    what: "Emails we already sent you",
    why: "They are in your mailbox, not ours",
    howLong: "Your choice",
  },
];
