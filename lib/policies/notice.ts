// The words of a policy change notice: rendered once per campaign for the notice
// sender (lib/notices/render.ts), which puts each recipient's greeting in, and for
// the privacy team's preview and test send before publishing (the same template).
import "server-only";
import { createElement, type ReactElement } from "react";
import { formatDate } from "../core/format";
import { renderEmail } from "../email/send";
import { PolicyChangeEmail } from "../email/templates/policy-change";
import type { NoticeRenderer } from "../notices/render";

export type PolicyNoticeFacts = {
  version: number;
  summary: string;
  effectiveAt: Date | null;
  isSubstantive: boolean;
  slug: string;
  title: string;
};

/** The notice of one version: its subject and its email (with `greeting` where the greeting goes). */
export function policyNoticeEmail(
  v: PolicyNoticeFacts,
  settings: { appUrl: string; companyName: string; greeting: string },
): { subject: string; template: ReactElement } {
  const base = settings.appUrl.replace(/\/$/, "");
  const effectiveDate = v.effectiveAt ? formatDate(v.effectiveAt, "longDate") : "a date not set yet";
  return {
    subject: v.effectiveAt ? `Changes to our ${v.title} (effective ${effectiveDate})` : `Changes to our ${v.title}`,
    template: createElement(PolicyChangeEmail, {
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
  };
}

export const renderPolicyNotice: NoticeRenderer = async (pool, campaign, settings) => {
  const campaignId = campaign.id;
  const { rows } = await pool.query<PolicyNoticeFacts>(
    `SELECT v.version, v.summary, v."effectiveAt", v."isSubstantive", d.slug, d.title
       FROM "NoticeCampaign" c JOIN "PolicyVersion" v ON v.id = c."policyVersionId" JOIN "PolicyDocument" d ON d.id = v."documentId"
      WHERE c.id = $1`,
    [campaignId],
  );
  const v = rows[0];
  if (!v) throw new Error(`no notice campaign ${campaignId}`);
  const { subject, template } = policyNoticeEmail(v, settings);
  const { html, text } = await renderEmail(template);
  return { subject, html, text };
};
