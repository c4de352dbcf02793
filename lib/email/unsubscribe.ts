// Signed, category-scoped unsubscribe tokens and the RFC 8058 headers that
// every non-transactional email carries. Other mail reuses
// `getUnsubscribeHeaders({ userId, category })`: it returns the headers to pass
// to sendEmail() and the visible link to put in the body.
//
// Token = base64url(JSON payload) "." base64url(HMAC-SHA256). The key is derived
// from AUTH_SECRET per purpose, so an unsubscribe token cannot be replayed as
// an open-tracking token (or anything else) and vice versa.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "../env";

export const EMAIL_CATEGORIES = ["PRODUCT_NEWS", "PROMOTIONS", "BLOG_COMMENTS"] as const;
export type EmailCategoryName = (typeof EMAIL_CATEGORIES)[number];

type Purpose = "unsubscribe" | "email-open";

function keyFor(purpose: Purpose, secret: string): Buffer {
  return createHmac("sha256", secret).update(`privacy-portal:${purpose}:v1`).digest();
}

function sign(purpose: Purpose, payload: object, secret = env().AUTH_SECRET): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  const mac = createHmac("sha256", keyFor(purpose, secret)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

function verify(purpose: Purpose, token: unknown, secret = env().AUTH_SECRET): unknown {
  if (typeof token !== "string" || token.length > 1024) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [body, mac] = parts;
  // Compare the canonical text, not decoded bytes: base64url has spare bits, so
  // a decoded comparison would accept a few altered spellings of the same MAC.
  const expected = Buffer.from(createHmac("sha256", keyFor(purpose, secret)).update(body).digest("base64url"));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

const unsubscribePayload = z.object({ u: z.string().min(1).max(64), c: z.enum(EMAIL_CATEGORIES), t: z.number().int() });
const openPayload = z.object({ u: z.string().min(1).max(64), e: z.string().max(32), c: z.string().max(32) });

export function createUnsubscribeToken(input: { userId: string; category: EmailCategoryName }, secret?: string): string {
  return sign("unsubscribe", { u: input.userId, c: input.category, t: Math.floor(Date.now() / 1000) }, secret);
}

/** The user and the one category this token may unsubscribe, or null when tampered/invalid. */
export function verifyUnsubscribeToken(token: unknown, secret?: string): { userId: string; category: EmailCategoryName; issuedAt: Date } | null {
  const parsed = unsubscribePayload.safeParse(verify("unsubscribe", token, secret));
  if (!parsed.success) return null;
  return { userId: parsed.data.u, category: parsed.data.c, issuedAt: new Date(parsed.data.t * 1000) };
}

export function createOpenToken(input: { userId: string; emailEventId: string; category: string }, secret?: string): string {
  return sign("email-open", { u: input.userId, e: input.emailEventId, c: input.category }, secret);
}

export function verifyOpenToken(token: unknown, secret?: string): { userId: string; emailEventId: string; category: string } | null {
  const parsed = openPayload.safeParse(verify("email-open", token, secret));
  if (!parsed.success) return null;
  return { userId: parsed.data.u, emailEventId: parsed.data.e, category: parsed.data.c };
}

function mailtoAddress(): string {
  const config = env();
  if (config.UNSUBSCRIBE_MAILTO) return config.UNSUBSCRIBE_MAILTO;
  const from = /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
  const domain = from.includes("@") ? from.split("@").pop()!.trim() : "localhost";
  return `unsubscribe@${domain}`;
}

export type UnsubscribeHeaders = {
  /** Pass to sendEmail({ headers }). */
  headers: { "List-Unsubscribe": string; "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
  /** Visible link for the body: a page to confirm and adjust other categories, no sign-in needed. */
  link: string;
  /** The one-click endpoint (POST List-Unsubscribe=One-Click). */
  oneClickUrl: string;
  token: string;
};

/** RFC 8058 one-click unsubscribe (https URL + mailto) and the visible link, for one user and category. */
export function getUnsubscribeHeaders(input: { userId: string; category: EmailCategoryName }): UnsubscribeHeaders {
  const token = createUnsubscribeToken(input);
  const base = env().APP_URL.replace(/\/$/, "");
  const oneClickUrl = `${base}/api/unsubscribe?token=${encodeURIComponent(token)}`;
  const mailto = `mailto:${mailtoAddress()}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  return {
    headers: { "List-Unsubscribe": `<${oneClickUrl}>, <${mailto}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    link: `${base}/unsubscribe?token=${encodeURIComponent(token)}`,
    oneClickUrl,
    token,
  };
}
