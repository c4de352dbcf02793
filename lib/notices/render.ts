// Renders a campaign's notice once (React Email is the slow part) and
// personalises it per recipient by substituting a placeholder greeting.
import "server-only";
import type pg from "pg";
import { createElement } from "react";
import { renderEmail } from "../email/send";
import { escapeHtml } from "../core/html";
import { PolicyChangeEmail } from "../email/templates/policy-change";
import { breachEmailElement, breachSubject, type BreachContent } from "../breaches/content";

const GREETING_TOKEN = "@@NOTICE_GREETING@@";
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export type RenderedNotice = { subject: string; personalise: (name: string | null) => { html: string; text: string } };

export async function renderCampaignNotice(pool: pg.Pool, campaignId: string, settings: { appUrl: string; companyName: string }): Promise<RenderedNotice> {
  const kind = await pool.query<{ kind: string; breachId: string | null }>(`SELECT kind::text AS kind, "breachId" FROM "NoticeCampaign" WHERE id = $1`, [campaignId]);
  if (kind.rows[0]?.kind === "BREACH") return renderBreachNotice(pool, kind.rows[0].breachId!, settings);
  const { rows } = await pool.query<{ version: number; summary: string; effectiveAt: Date; isSubstantive: boolean; slug: string; title: string }>(
    `SELECT v.version, v.summary, v."effectiveAt", v."isSubstantive", d.slug, d.title
       FROM "NoticeCampaign" c JOIN "PolicyVersion" v ON v.id = c."policyVersionId" JOIN "PolicyDocument" d ON d.id = v."documentId"
      WHERE c.id = $1`,
    [campaignId],
  );
  const v = rows[0];
  if (!v) throw new Error(`no notice campaign ${campaignId}`);
  const base = settings.appUrl.replace(/\/$/, "");
  const effectiveDate = dateFormat.format(v.effectiveAt);
  const { html, text } = await renderEmail(
    createElement(PolicyChangeEmail, {
      companyName: settings.companyName,
      policyTitle: v.title,
      version: v.version,
      summary: v.summary,
      effectiveDate,
      diffUrl: `${base}/policies/${v.slug}/v/${v.version}/changes`,
      policyUrl: `${base}/policies/${v.slug}/v/${v.version}`,
      isSubstantive: v.isSubstantive,
      greeting: GREETING_TOKEN,
    }),
  );
  return personalisable(`Changes to our ${v.title} (effective ${effectiveDate})`, html, text);
}

async function renderBreachNotice(pool: pg.Pool, breachId: string, settings: { appUrl: string; companyName: string }): Promise<RenderedNotice> {
  const { rows } = await pool.query<BreachContent>(
    `SELECT id, title, "whatHappened", "occurredFrom", "occurredTo", "discoveredAt", "dataInvolved", "whatWeDid", "whatToDo", contact FROM "Breach" WHERE id = $1`,
    [breachId],
  );
  if (!rows[0]) throw new Error(`no breach ${breachId}`);
  const { html, text } = await renderEmail(breachEmailElement(rows[0], settings, GREETING_TOKEN));
  return personalisable(breachSubject(rows[0]), html, text);
}

function personalisable(subject: string, html: string, text: string): RenderedNotice {
  const [htmlBefore, htmlAfter] = splitOnce(html);
  const [textBefore, textAfter] = splitOnce(text);
  return {
    subject,
    personalise(name) {
      const greeting = name ? `Hello ${name},` : "Hello,";
      return { html: htmlBefore + escapeHtml(greeting) + htmlAfter, text: textBefore + greeting + textAfter };
    },
  };
}

function splitOnce(value: string): [string, string] {
  const index = value.indexOf(GREETING_TOKEN);
  if (index < 0) return [value, ""];
  return [value.slice(0, index), value.slice(index + GREETING_TOKEN.length)];
}
