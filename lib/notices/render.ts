// Renders a campaign's notice once (React Email is the slow part) and
// personalises it per recipient by substituting a placeholder greeting.
import "server-only";
import type pg from "pg";
import { createElement } from "react";
import { renderEmail } from "../email/send";
import { escapeHtml } from "../html";
import { PolicyChangeEmail } from "../email/templates/policy-change";

const GREETING_TOKEN = "@@NOTICE_GREETING@@";
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export type RenderedNotice = { subject: string; personalise: (name: string | null) => { html: string; text: string } };

export async function renderCampaignNotice(pool: pg.Pool, campaignId: string, settings: { appUrl: string; companyName: string }): Promise<RenderedNotice> {
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
  const [htmlBefore, htmlAfter] = splitOnce(html);
  const [textBefore, textAfter] = splitOnce(text);
  return {
    subject: `Changes to our ${v.title} (effective ${effectiveDate})`,
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
