// Signed, category-scoped unsubscribe tokens and the RFC 8058 headers that
// every non-transactional email carries. Other mail reuses
// `getUnsubscribeHeaders({ userId, category })`: it returns the headers to pass
// to sendEmail() and the visible link to put in the body.
//
// Tokens come from lib/core/signed-token.ts (a key per purpose), so an unsubscribe
// token cannot be replayed as an open-tracking token (or anything else).
import { z } from "zod";
import { env } from "../core/env";
import { signToken, verifyToken } from "../core/signed-token";

export const EMAIL_CATEGORIES = ["PRODUCT_NEWS", "PROMOTIONS", "BLOG_COMMENTS"] as const;
export type EmailCategoryName = (typeof EMAIL_CATEGORIES)[number];

const unsubscribePayload = z.object({ u: z.string().min(1).max(64), c: z.enum(EMAIL_CATEGORIES), t: z.number().int() });
const openPayload = z.object({ u: z.string().min(1).max(64), e: z.string().max(32), c: z.string().max(32) });

export function createUnsubscribeToken(
  input: { userId: string; category: EmailCategoryName },
  secret?: string,
): string {
  return signToken("unsubscribe", { u: input.userId, c: input.category, t: Math.floor(Date.now() / 1000) }, secret);
}

/** The user and the one category this token may unsubscribe, or null when tampered/invalid. */
export function verifyUnsubscribeToken(
  token: unknown,
  secret?: string,
): { userId: string; category: EmailCategoryName; issuedAt: Date } | null {
  const parsed = unsubscribePayload.safeParse(verifyToken("unsubscribe", token, secret));
  if (!parsed.success) return null;
  return { userId: parsed.data.u, category: parsed.data.c, issuedAt: new Date(parsed.data.t * 1000) };
}

export function createOpenToken(
  input: { userId: string; emailEventId: string; category: string },
  secret?: string,
): string {
  return signToken("email-open", { u: input.userId, e: input.emailEventId, c: input.category }, secret);
}

export function verifyOpenToken(
  token: unknown,
  secret?: string,
): { userId: string; emailEventId: string; category: string } | null {
  const parsed = openPayload.safeParse(verifyToken("email-open", token, secret));
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
    headers: {
      "List-Unsubscribe": `<${oneClickUrl}>, <${mailto}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    link: `${base}/unsubscribe?token=${encodeURIComponent(token)}`,
    oneClickUrl,
    token,
  };
}
