// The words of a policy change notice, rendered once per campaign for the notice
// sender (lib/notices/render.ts), which puts each recipient's greeting in.
import "server-only";
import { createElement } from "react";
import { formatDate } from "../core/format";
import { renderEmail } from "../email/send";
import { PolicyChangeEmail } from "../email/templates/policy-change";
import type { NoticeRenderer } from "../notices/render";

export const renderPolicyNotice: NoticeRenderer = async (pool, campaign, settings) => {
  const campaignId = campaign.id;
  const { rows } = await pool.query<{
    version: number;
    summary: string;
    effectiveAt: Date;
    isSubstantive: boolean;
    slug: string;
    title: string;
  }>(
    `SELECT v.version, v.summary, v."effectiveAt", v."isSubstantive", d.slug, d.title
       FROM "NoticeCampaign" c JOIN "PolicyVersion" v ON v.id = c."policyVersionId" JOIN "PolicyDocument" d ON d.id = v."documentId"
      WHERE c.id = $1`,
    [campaignId],
  );
  const v = rows[0];
  if (!v) throw new Error(`no notice campaign ${campaignId}`);
  const base = settings.appUrl.replace(/\/$/, "");
  const effectiveDate = formatDate(v.effectiveAt, "longDate");
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
      greeting: settings.greeting,
    }),
  );
  return { subject: `Changes to our ${v.title} (effective ${effectiveDate})`, html, text };
};
