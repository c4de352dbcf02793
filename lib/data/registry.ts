// The single source of truth for "what do we hold about a person": every
// category of personal data, where it comes from, why we keep it, for how long,
// who it is shared with, and the SQL that reads it (always scoped by owner).
// The overview, category pages, export, and later erasure/retention reuse it.
// No "server-only" here: the export worker imports this module too.

export type DataSourceKind = "PROVIDED" | "AUTOMATIC" | "THIRD_PARTY" | "INFERRED";

export const SOURCE_LABELS: Record<DataSourceKind, string> = {
  PROVIDED: "You gave it to us",
  AUTOMATIC: "Collected automatically",
  THIRD_PARTY: "From a third party",
  INFERRED: "Inferred by us",
};

export type ColumnKind = "text" | "date" | "number" | "bool" | "json";

export type Column = {
  /** Key in JSON output and CSV header. */
  key: string;
  label: string;
  /** SQL expression over alias `t` (and joined aliases). */
  sql: string;
  kind: ColumnKind;
  /** For dates: the raw timestamp(3) expression (`sql` is its ISO text). */
  raw?: string;
  /** Hidden in the portal table (still exported). */
  hideInTable?: boolean;
};

export type FilterKey = "path" | "ip" | "device" | "cluster";

export type Dataset = {
  /** Stable key: URL segment, export file base name. */
  key: string;
  title: string;
  /** FROM clause; the owned table is aliased `t`. */
  from: string;
  /** SQL expression holding the owner's user id. */
  owner: string;
  /** Timestamp column used for ordering and date filters (SQL `timestamp(3)`). */
  time: string;
  timeLabel: string;
  /** Unique key within the owner's rows, second keyset column. */
  id: string;
  idType: "bigint" | "text";
  /** policyVersionId expression, when the table records it. */
  policy?: string;
  columns: Column[];
  filters?: Partial<Record<FilterKey, string>>;
  /** Rows the user cannot edit directly but can report as wrong. */
  correctable: boolean;
  /** Table name for retention/erasure work. */
  table: string;
};

export type Category = {
  slug: string;
  title: string;
  description: string;
  source: DataSourceKind;
  purpose: string;
  retention: string;
  /** Retention in days for a later retention job; null: kept while the account exists. */
  retentionDays: number | null;
  /** Lower-case sharing-register data categories that cover this category. */
  sharingTags: string[];
  /** Where the user edits this category directly, if they can. */
  editHref?: string;
  datasets: Dataset[];
};

const iso = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const date = (key: string, label: string, column: string): Column => ({ key, label, sql: iso(`t."${column}"`), raw: `t."${column}"`, kind: "date" });
const text = (key: string, label: string, column = key, hideInTable = false): Column => ({ key, label, sql: `t."${column}"`, kind: "text", hideInTable });

export const categories: Category[] = [
  {
    slug: "profile",
    title: "Profile and contact details",
    description: "Your name, sign-in email address, and the contact details you added to your profile.",
    source: "PROVIDED",
    purpose: "To run your account, contact you about it, and send the emails you asked for.",
    retention: "While your account exists; deleted when you delete your account.",
    retentionDays: null,
    sharingTags: ["contact details"],
    editHref: "/account/profile",
    datasets: [
      {
        key: "account",
        title: "Account",
        table: "User",
        from: `"User" t`,
        owner: `t.id`,
        time: `t."createdAt"`,
        timeLabel: "Created",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: false,
        columns: [
          text("email", "Email address"),
          text("name", "Name"),
          date("emailVerified", "Email verified", "emailVerified"),
        ],
      },
      {
        key: "profile",
        title: "Profile",
        table: "Profile",
        from: `"Profile" t`,
        owner: `t."userId"`,
        time: `t."createdAt"`,
        timeLabel: "Created",
        id: `t."userId"`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: false,
        columns: [
          text("displayName", "Display name"),
          text("phone", "Phone"),
          text("company", "Company"),
          text("addressLine", "Address"),
          text("city", "City"),
          text("postalCode", "Postal code"),
          text("country", "Country"),
          date("updatedAt", "Last changed", "updatedAt"),
        ],
      },
    ],
  },
  {
    slug: "linked-accounts",
    title: "Linked accounts",
    description: "Accounts at other services (such as GitHub) you linked for signing in. We keep the provider's account id and granted scopes; access tokens are never shown or exported.",
    source: "THIRD_PARTY",
    purpose: "To let you sign in with that service.",
    retention: "Until you unlink the account or delete your account.",
    retentionDays: null,
    sharingTags: ["third-party account credentials"],
    datasets: [
      {
        key: "linked-accounts",
        title: "Linked accounts",
        table: "Account",
        from: `"Account" t`,
        owner: `t."userId"`,
        time: `t."createdAt"`,
        timeLabel: "Linked",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: true,
        columns: [text("provider", "Provider"), text("providerAccountId", "Account id at provider"), text("type", "Type"), text("scope", "Granted scopes")],
      },
    ],
  },
  {
    slug: "email",
    title: "Mailing lists and email events",
    description: "Which mailing lists you are on, and a record of emails we sent you. Open confirmations are recorded only if you allowed email tracking.",
    source: "AUTOMATIC",
    purpose: "To send only the email you asked for, honour unsubscribes, and prove delivery of legal notices.",
    retention: "Subscriptions while your account exists; email events for 2 years.",
    retentionDays: 730,
    sharingTags: ["email events", "mailing-list preferences", "contact details"],
    datasets: [
      {
        key: "email-subscriptions",
        title: "Mailing lists",
        table: "EmailSubscription",
        from: `"EmailSubscription" t`,
        owner: `t."userId"`,
        time: `t."createdAt"`,
        timeLabel: "Subscribed",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: false,
        columns: [text("category", "List"), { key: "subscribed", label: "Subscribed", sql: `t.subscribed`, kind: "bool" }, date("updatedAt", "Last changed", "updatedAt")],
      },
      {
        key: "email-events",
        title: "Email events",
        table: "EmailEvent",
        from: `"EmailEvent" t`,
        owner: `t."userId"`,
        time: `t."occurredAt"`,
        timeLabel: "When",
        id: `t.id`,
        idType: "bigint",
        policy: `t."policyVersionId"`,
        correctable: true,
        columns: [text("kind", "Event"), text("category", "Category"), text("subject", "Subject"), text("messageId", "Message id", "messageId", true), text("ip", "IP address"), text("userAgent", "User agent", "userAgent", true)],
      },
    ],
  },
  {
    slug: "server-logs",
    title: "Server-log records",
    description: "What our web servers record when you visit: IP address, approximate location, device and cookie identifiers, browser and device type, the page requested, and the time.",
    source: "AUTOMATIC",
    purpose: "To run and secure the website, and to understand how it is used.",
    retention: "180 days, then deleted.",
    retentionDays: 180,
    sharingTags: ["server logs", "cookie identifiers", "pages visited"],
    datasets: [
      {
        key: "server-logs",
        title: "Server-log records",
        table: "ServerLogRecord",
        from: `"ServerLogRecord" t`,
        owner: `t."userId"`,
        time: `t."occurredAt"`,
        timeLabel: "Time",
        id: `t.id`,
        idType: "bigint",
        policy: `t."policyVersionId"`,
        correctable: true,
        filters: { path: `t.path`, ip: `t.ip`, device: `t."deviceId"` },
        columns: [
          text("method", "Method"),
          text("path", "Page"),
          text("ip", "IP address"),
          text("geoCountry", "Country"),
          text("geoCity", "City"),
          text("deviceId", "Device id"),
          text("cookieId", "Cookie id", "cookieId", true),
          text("browser", "Browser"),
          text("deviceType", "Device type"),
          text("userAgent", "User agent", "userAgent", true),
        ],
      },
    ],
  },
  {
    slug: "telemetry",
    title: "Telemetry from your clusters",
    description: "Usage, performance and configuration statistics your clusters and CLI installs sent, with the sender's IP address and random install identifiers.",
    source: "AUTOMATIC",
    purpose: "To improve the product and understand how it is used.",
    retention: "2 years, then deleted.",
    retentionDays: 730,
    sharingTags: ["telemetry"],
    datasets: [
      {
        key: "clusters",
        title: "Clusters and CLI installs",
        table: "Cluster",
        from: `"Cluster" t`,
        owner: `t."userId"`,
        time: `t."createdAt"`,
        timeLabel: "Linked",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: true,
        columns: [
          text("id", "Install id"),
          text("name", "Name"),
          text("kind", "Kind"),
          { key: "telemetryEnabled", label: "Telemetry on", sql: `t."telemetryEnabled"`, kind: "bool" },
          date("lastReportAt", "Last report", "lastReportAt"),
        ],
      },
      {
        key: "telemetry-reports",
        title: "Telemetry reports",
        table: "TelemetryReport",
        from: `"TelemetryReport" t`,
        owner: `t."userId"`,
        time: `t."receivedAt"`,
        timeLabel: "Received",
        id: `t.id`,
        idType: "bigint",
        policy: `t."policyVersionId"`,
        correctable: true,
        filters: { cluster: `t."clusterId"`, ip: `t.ip` },
        columns: [text("clusterId", "Install id"), text("kind", "Kind"), text("ip", "IP address"), { key: "payload", label: "Statistics", sql: `t.payload`, kind: "json" }],
      },
    ],
  },
  {
    slug: "crash-reports",
    title: "Crash reports",
    description: "Crash reports your installs sent: product, version, a summary and stack trace, and the sender's IP address.",
    source: "AUTOMATIC",
    purpose: "To find and fix bugs.",
    retention: "1 year, then deleted.",
    retentionDays: 365,
    sharingTags: ["crash reports"],
    datasets: [
      {
        key: "crash-reports",
        title: "Crash reports",
        table: "CrashReport",
        from: `"CrashReport" t`,
        owner: `t."userId"`,
        time: `t."occurredAt"`,
        timeLabel: "When",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: true,
        columns: [text("clusterId", "Install id"), text("product", "Product"), text("version", "Version"), text("summary", "Summary"), text("stackTrace", "Stack trace", "stackTrace", true), text("ip", "IP address")],
      },
    ],
  },
  {
    slug: "third-party",
    title: "Data from third parties",
    description: "Information other companies gave us about you, for example your cloud provider when a cluster was set up.",
    source: "THIRD_PARTY",
    purpose: "To set up and support the services you use with us.",
    retention: "While your account exists.",
    retentionDays: null,
    sharingTags: ["third-party data"],
    datasets: [
      {
        key: "third-party-records",
        title: "Records from third parties",
        table: "ThirdPartyRecord",
        from: `"ThirdPartyRecord" t`,
        owner: `t."userId"`,
        time: `t."receivedAt"`,
        timeLabel: "Received",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: true,
        columns: [text("source", "From"), text("category", "Kind"), text("description", "What it is"), { key: "data", label: "Data", sql: `t.data`, kind: "json" }],
      },
    ],
  },
  {
    slug: "inferences",
    title: "Inferences",
    description: "Things we guessed about you from other data, such as your operating system from your browser's user agent.",
    source: "INFERRED",
    purpose: "To show you the right downloads and documentation.",
    retention: "1 year, then deleted.",
    retentionDays: 365,
    sharingTags: ["inferences"],
    datasets: [
      {
        key: "inferences",
        title: "Inferences",
        table: "Inference",
        from: `"Inference" t`,
        owner: `t."userId"`,
        time: `t."inferredAt"`,
        timeLabel: "Inferred",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: true,
        columns: [text("kind", "What"), text("value", "Our guess"), text("basis", "Based on"), { key: "confidence", label: "Confidence", sql: `t.confidence`, kind: "number" }],
      },
    ],
  },
  {
    slug: "consent",
    title: "Consent and preference history",
    description: "Your current choices about email, tracking, telemetry and cookies, and every change to them with its time and source.",
    source: "PROVIDED",
    purpose: "To honour your choices and prove that we did.",
    retention: "While your account exists; kept as evidence for 3 years after a change.",
    retentionDays: null,
    sharingTags: [],
    datasets: [
      {
        key: "preferences",
        title: "Current preferences",
        table: "UserPreferences",
        from: `"UserPreferences" t`,
        owner: `t."userId"`,
        time: `t."updatedAt"`,
        timeLabel: "Last changed",
        id: `t."userId"`,
        idType: "text",
        correctable: false,
        columns: [
          { key: "telemetryEnabled", label: "Telemetry (account-wide)", sql: `t."telemetryEnabled"`, kind: "bool" },
          { key: "emailTrackingAllowed", label: "Email open tracking", sql: `t."emailTrackingAllowed"`, kind: "bool" },
          { key: "analyticsCookies", label: "Analytics cookies", sql: `t."analyticsCookies"`, kind: "bool" },
          { key: "advertisingCookies", label: "Advertising cookies", sql: `t."advertisingCookies"`, kind: "bool" },
          date("optOutSignalAt", "Browser opt-out signal honoured", "optOutSignalAt"),
        ],
      },
      {
        key: "consent-events",
        title: "Changes",
        table: "ConsentEvent",
        from: `"ConsentEvent" t`,
        owner: `t."userId"`,
        time: `t."occurredAt"`,
        timeLabel: "When",
        id: `t.id`,
        idType: "bigint",
        policy: `t."policyVersionId"`,
        correctable: true,
        columns: [text("subject", "Setting"), text("oldValue", "From"), text("newValue", "To"), text("source", "Source")],
      },
    ],
  },
  {
    slug: "requests",
    title: "Privacy requests",
    description: "The privacy requests you filed (copies, corrections, deletions, disclosures, questions) and each step of their handling.",
    source: "PROVIDED",
    purpose: "To answer your requests within the legal deadlines and keep a record that we did.",
    retention: "3 years after the request is closed (legal record).",
    retentionDays: null,
    sharingTags: [],
    datasets: [
      {
        key: "privacy-requests",
        title: "Requests",
        table: "PrivacyRequest",
        from: `"PrivacyRequest" t`,
        owner: `t."userId"`,
        time: `t."createdAt"`,
        timeLabel: "Filed",
        id: `t.id`,
        idType: "text",
        policy: `t."policyVersionId"`,
        correctable: false,
        columns: [
          text("type", "Type"),
          text("status", "Status"),
          text("jurisdiction", "Law"),
          text("details", "Details"),
          { key: "subject", label: "About", sql: `t.subject`, kind: "json", hideInTable: true },
          date("dueAt", "Due", "dueAt"),
          date("closedAt", "Closed", "closedAt"),
        ],
      },
      {
        key: "request-events",
        title: "Request timeline",
        table: "PrivacyRequestEvent",
        from: `"PrivacyRequestEvent" t JOIN "PrivacyRequest" r ON r.id = t."requestId"`,
        owner: `r."userId"`,
        time: `t."createdAt"`,
        timeLabel: "When",
        id: `t.id`,
        idType: "text",
        correctable: false,
        columns: [text("requestId", "Request"), text("status", "Status"), text("note", "Note")],
      },
    ],
  },
];

export const datasets: Dataset[] = categories.flatMap((category) => category.datasets);

export function findCategory(slug: string): Category | undefined {
  return categories.find((category) => category.slug === slug);
}

export function findDataset(key: string): { category: Category; dataset: Dataset } | undefined {
  for (const category of categories) {
    const dataset = category.datasets.find((candidate) => candidate.key === key);
    if (dataset) return { category, dataset };
  }
  return undefined;
}

export { iso as isoSql };
