// The one place that reads process.env. Validated lazily so `next build`
// works without a database; every runtime read goes through `env()`.
import { z } from "zod";

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  /**
   * A direct (session) connection for LISTEN/NOTIFY, which does not work through a transaction-mode
   * pooler. Unset: DATABASE_URL.
   */
  DATABASE_LISTEN_URL: z.string().url().optional(),
  /** Connections in each process's app pool (Prisma + raw queries). */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  APP_URL: z.string().url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
  /**
   * During a rotation: the secret(s) AUTH_SECRET replaced, comma-separated. Values sealed and
   * tokens signed with them are still read; nothing new is written with them (lib/core/key-ring.ts).
   */
  AUTH_SECRET_PREVIOUS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((secret) => secret.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(16, "each AUTH_SECRET_PREVIOUS secret must be at least 16 characters"))),
  SMTP_URL: z.string().default(""),
  MAIL_FROM: z.string().default("Privacy Team <privacy@localhost>"),
  MAIL_CATCHER: booleanish,
  /**
   * Set by scripts/launch.ts: dev, demo (`npm run demo`), test or production (`npm start`).
   * Unset means production: the development mail catcher is never served then.
   */
  PORTAL_RUN_MODE: z.enum(["dev", "demo", "test", "production"]).default("production"),
  /**
   * Proxies in front of the app that append the client's address to X-Forwarded-For:
   * 0 = none (the connection's address is the client's), N = take the Nth entry from the right.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  RATE_LIMIT_EMAIL_MAX: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_IP_MAX: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  COMPANY_NAME: z.string().default("Prime Directive"),
  // Preferences and telemetry ingestion.
  /** Largest telemetry report body accepted, in bytes. */
  TELEMETRY_MAX_BYTES: z.coerce.number().int().min(256).max(1_048_576).default(16_384),
  /** Reports one install may send per minute before it gets 429. */
  TELEMETRY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Group commit: reports that arrive while a write runs are written next, at most this many rows at once. */
  TELEMETRY_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Telemetry writes (commits) in flight at once per process; no timer, a report reaching an idle writer is written at once. */
  TELEMETRY_WRITES_IN_FLIGHT: z.coerce.number().int().min(1).max(8).default(2),
  /** Seconds an install's credentials and opt-out state are cached; preference changes invalidate at once (NOTIFY) and writes re-check opt-outs. */
  TELEMETRY_AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  /** Port of the lean ingestion server (scripts/ingest-server.ts). */
  INGEST_PORT: z.coerce.number().int().min(1).max(65535).default(3099),
  /** mailto: address in List-Unsubscribe; default unsubscribe@<MAIL_FROM's domain>. */
  UNSUBSCRIBE_MAILTO: z.string().default(""),
  // Policies and change notices.
  /** Tests only: honour the x-test-now request header / setTestNow() as the clock. */
  ALLOW_TEST_CLOCK: booleanish,
  POLICY_MIN_NOTICE_DAYS: z.coerce.number().int().min(0).default(30),
  POLICY_BANNER_DAYS: z.coerce.number().int().min(0).default(30),
  NOTICE_RATE_PER_SECOND: z.coerce.number().int().positive().default(50),
  NOTICE_BATCH_SIZE: z.coerce.number().int().positive().default(100),
  NOTICE_SMTP_CONNECTIONS: z.coerce.number().int().positive().default(5),
  NOTICE_LEASE_SECONDS: z.coerce.number().int().positive().default(120),
  NOTICE_RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
  NOTICE_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  NOTICE_SLICE_SECONDS: z.coerce.number().int().positive().default(20),
  NOTICE_SEND_TIMEOUT_SECONDS: z.coerce.number().positive().default(20),
  /** "on" offers the pseudo-locale en-XA (accented, ~40% longer) outside development too (issue 22). */
  I18N_PSEUDO: z.enum(["on", "off", ""]).default(""),
  /** Space-separated origins allowed to serve optional scripts after consent (e.g. https://static.ads-twitter.com). */
  CSP_SCRIPT_ORIGINS: z.string().default(""),
  /** Benchmarks only: "off" serves pages without the CSP nonce, to measure what it costs. */
  CSP_NONCE: z.enum(["on", "off"]).default("on"),
  /** Where export archives are written (relative to the working directory unless absolute). */
  EXPORT_DIR: z.string().default(".data/exports"),
  /** Where archives are kept: "local" (EXPORT_DIR, one machine) or "s3" (an S3-compatible bucket shared by all machines). */
  EXPORT_STORAGE: z.enum(["local", "s3"]).default("local"),
  EXPORT_S3_BUCKET: z.string().default(""),
  /** e.g. https://s3.eu-central-1.amazonaws.com or a MinIO/R2 URL; unset: the AWS default for the region. */
  EXPORT_S3_ENDPOINT: z.string().url().optional(),
  EXPORT_S3_REGION: z.string().default("us-east-1"),
  EXPORT_S3_ACCESS_KEY_ID: z.string().optional(),
  EXPORT_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style URLs (bucket in the path), needed by most self-hosted S3-compatible servers. */
  EXPORT_S3_FORCE_PATH_STYLE: booleanish,
  /** Key prefix inside the bucket. */
  EXPORT_S3_PREFIX: z.string().default("exports/"),
  // Operations.
  /** Longest a SIGTERM drain may take before the web or ingestion server exits anyway (ms; read by scripts/server.ts and scripts/ingest-server.ts). */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
  /** Bearer token for GET /api/metrics; unset: the endpoint answers 404. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Log level of the JSON logs (pino): trace, debug, info, warn, error, fatal, silent. */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** Parallel send chains per change-notice campaign (they share one rate limit stored on the campaign). */
  NOTICE_SEND_LANES: z.coerce.number().int().min(1).max(64).default(4),
  /** Send slices (lanes) one worker process runs at once; fewer than the lanes, so several workers share a campaign. */
  NOTICE_WORKER_SLICES: z.coerce.number().int().min(1).max(64).default(2),
  /** Days an export archive can be downloaded before it is deleted. */
  EXPORT_TTL_DAYS: z.coerce.number().positive().default(7),
  /** Public statistics: no published cell rests on fewer than this many distinct installs. */
  STATS_K: z.coerce.number().int().min(2).max(1000).default(10),
  // Authorized agents (Data Rights Protocol 0.9.4, lib/agents/).
  /** Our DRP `business-id`: signed agent messages must name it (section 3.07). */
  DRP_BUSINESS_ID: z.string().trim().min(1).max(200).default("PRIME_DIRECTIVE"),
  /** How long a status callback to an agent may take before it counts as failed (ms). */
  DRP_CALLBACK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  /** Attempts per status callback (pg-boss retries with exponential backoff). */
  DRP_CALLBACK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** Tests only: allow status callbacks to loopback and private addresses (never in production). */
  DRP_ALLOW_PRIVATE_CALLBACKS: booleanish,
  /** DRP calls per agent and per IP address per minute. */
  DRP_RATE_LIMIT_AGENT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  DRP_RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(60),
});

export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

export function env(): Env {
  if (cached) return cached;
  // An empty value (e.g. `SMTP_URL=` copied from .env.example) means "unset".
  const defined = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
