// Renders a campaign's notice once (React Email is the slow part) and
// personalises it per recipient by substituting a placeholder greeting. What a
// notice says belongs to the domain that starts such campaigns (policies,
// breaches, above this one): each exports a renderer for its kind, and the
// worker's job list (scripts/lib/jobs.ts) hands them in, so notices imports neither.
import "server-only";
import type pg from "pg";
import { escapeHtml } from "../core/html";
import type { NoticeCampaignKind } from "../generated/prisma/enums";
import type { NoticeParts } from "./message";

const GREETING_TOKEN = "@@NOTICE_GREETING@@";

export type RenderedNotice = NoticeParts & {
  personalise: (name: string | null) => { html: string; text: string };
};

/** A campaign's notice, rendered once with `settings.greeting` where each recipient's greeting goes. */
export type NoticeRenderer = (
  pool: pg.Pool,
  campaign: { id: string; breachId: string | null },
  settings: { appUrl: string; companyName: string; greeting: string },
) => Promise<{ subject: string; html: string; text: string }>;

/** One renderer per kind of campaign. */
export type NoticeRenderers = Record<NoticeCampaignKind, NoticeRenderer>;

export async function renderCampaignNotice(
  pool: pg.Pool,
  campaignId: string,
  settings: { appUrl: string; companyName: string },
  renderers: NoticeRenderers,
): Promise<RenderedNotice> {
  const kind = await pool.query<{ kind: NoticeCampaignKind; breachId: string | null }>(
    `SELECT kind::text AS kind, "breachId" FROM "NoticeCampaign" WHERE id = $1`,
    [campaignId],
  );
  const render = renderers[kind.rows[0]?.kind === "BREACH" ? "BREACH" : "POLICY"];
  const { subject, html, text } = await render(
    pool,
    { id: campaignId, breachId: kind.rows[0]?.breachId ?? null },
    { ...settings, greeting: GREETING_TOKEN },
  );
  return personalisable(subject, html, text);
}

/** What each recipient's notice says where the template has its greeting. */
export function noticeGreeting(name: string | null): string {
  return name ? `Hello ${name},` : "Hello,";
}

function personalisable(subject: string, html: string, text: string): RenderedNotice {
  const [htmlBefore, htmlAfter] = splitOnce(html);
  const [textBefore, textAfter] = splitOnce(text);
  return {
    subject,
    html: [htmlBefore, htmlAfter],
    text: [textBefore, textAfter],
    personalise(name) {
      const greeting = noticeGreeting(name);
      return { html: htmlBefore + escapeHtml(greeting) + htmlAfter, text: textBefore + greeting + textAfter };
    },
  };
}

function splitOnce(value: string): [string, string] {
  const index = value.indexOf(GREETING_TOKEN);
  if (index < 0) return [value, ""];
  return [value.slice(0, index), value.slice(index + GREETING_TOKEN.length)];
}
