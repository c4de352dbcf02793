// The words of a breach notice, shared by the email, the portal banner and the
// admin preview (no database access, so the preview and the sent notice match).
import { createElement } from "react";
import { formatDate } from "../core/format";
import { BreachNoticeEmail } from "../email/templates/breach-notice";

export type BreachContent = {
  id: string;
  title: string;
  whatHappened: string;
  occurredFrom: Date;
  occurredTo: Date | null;
  discoveredAt: Date;
  dataInvolved: string;
  whatWeDid: string;
  whatToDo: string;
  contact: string;
};

/** The fields of a breach that make up its content (a Prisma select). */
export const BREACH_CONTENT_SELECT = {
  id: true,
  title: true,
  whatHappened: true,
  occurredFrom: true,
  occurredTo: true,
  discoveredAt: true,
  dataInvolved: true,
  whatWeDid: true,
  whatToDo: true,
  contact: true,
} as const;

export function formatBreachDate(date: Date): string {
  return formatDate(date, "longDate");
}

export function breachPeriod(content: Pick<BreachContent, "occurredFrom" | "occurredTo">): string {
  const from = formatDate(content.occurredFrom, "longDate");
  if (!content.occurredTo || content.occurredTo.getTime() === content.occurredFrom.getTime()) return from;
  return `${from} to ${formatDate(content.occurredTo, "longDate")}`;
}

export function breachSubject(content: Pick<BreachContent, "title">): string {
  return `Important: notice of a data breach (${content.title})`;
}

export function breachPortalUrl(appUrl: string, breachId: string): string {
  return `${appUrl.replace(/\/$/, "")}/account/notices#breach-${breachId}`;
}

export function breachEmailElement(
  content: BreachContent,
  settings: { appUrl: string; companyName: string },
  greeting: string,
) {
  return createElement(BreachNoticeEmail, {
    companyName: settings.companyName,
    title: content.title,
    whatHappened: content.whatHappened,
    when: breachPeriod(content),
    discovered: formatBreachDate(content.discoveredAt),
    dataInvolved: content.dataInvolved,
    whatWeDid: content.whatWeDid,
    whatToDo: content.whatToDo,
    contact: content.contact,
    url: breachPortalUrl(settings.appUrl, content.id),
    greeting,
  });
}
