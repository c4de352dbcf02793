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
  APP_URL: z.string().url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
  SMTP_URL: z.string().default(""),
  MAIL_FROM: z.string().default("Privacy Team <privacy@localhost>"),
  MAIL_CATCHER: booleanish,
  RATE_LIMIT_EMAIL_MAX: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_IP_MAX: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  TRUST_PROXY: booleanish,
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  COMPANY_NAME: z.string().default("Prime Directive"),
  /** Where export archives are written (relative to the working directory unless absolute). */
  EXPORT_DIR: z.string().default(".data/exports"),
  /** Days an export archive can be downloaded before it is deleted. */
  EXPORT_TTL_DAYS: z.coerce.number().positive().default(7),
});

export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
