// Sending non-transactional email (product news, promotions, blog comments):
// only to subscribers, always with RFC 8058 one-click unsubscribe headers and a
// visible link, and with an open-confirmation pixel only when the user allowed
// it. Other features that send such mail should go through sendCategoryEmail().
import "server-only";
import { createElement } from "react";
import { prisma } from "../core/db";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { isEmailSuppressed } from "../erasure/suppression";
import { sendEmail } from "../email/send";
import { CategoryEmail } from "../email/templates/category-email";
import { createOpenToken, getUnsubscribeHeaders, type EmailCategoryName } from "../email/unsubscribe";
import { getPolicyVersionIdNow } from "./consent";
import { emailCategoryInfo } from "./labels";

export type SentCategoryEmail = { emailEventId: string; tracked: boolean };

/**
 * Sends to a subscriber. A person who is not subscribed (INVALID_STATE / NOT_SUBSCRIBED), or
 * unknown or restricted (NOT_FOUND / RECIPIENT), gets nothing: batch senders skip those errors.
 */
export async function sendCategoryEmail(input: {
  userId: string;
  category: EmailCategoryName;
  subject: string;
  heading: string;
  paragraphs: string[];
}): Promise<SentCategoryEmail> {
  const user = await prisma.user.findUnique({
    where: { id: input.userId },
    select: {
      email: true,
      restrictedAt: true,
      preferences: { select: { emailTrackingAllowed: true } },
      subscriptions: { where: { category: input.category }, select: { subscribed: true } },
    },
  });
  if (!user || user.restrictedAt || (await isEmailSuppressed(prisma, user.email)))
    throw new AppError("NOT_FOUND", { reason: "RECIPIENT" });
  if (!user.subscriptions[0]?.subscribed)
    throw new AppError("INVALID_STATE", {
      reason: "NOT_SUBSCRIBED",
      params: { topic: emailCategoryInfo[input.category].label.toLowerCase() },
    });
  const tracked = user.preferences?.emailTrackingAllowed === true;
  const policyVersionId = await getPolicyVersionIdNow();
  const event = await prisma.emailEvent.create({
    data: { userId: input.userId, kind: "SENT", category: input.category, subject: input.subject, policyVersionId },
    select: { id: true },
  });
  const unsubscribe = getUnsubscribeHeaders({ userId: input.userId, category: input.category });
  const base = env().APP_URL.replace(/\/$/, "");
  const pixelUrl = tracked
    ? `${base}/api/email/open/${createOpenToken({ userId: input.userId, emailEventId: event.id.toString(), category: input.category })}`
    : null;
  const { messageId } = await sendEmail({
    to: user.email,
    subject: input.subject,
    headers: unsubscribe.headers,
    template: createElement(CategoryEmail, {
      companyName: env().COMPANY_NAME,
      preview: input.paragraphs[0] ?? input.heading,
      heading: input.heading,
      paragraphs: input.paragraphs,
      categoryLabel: emailCategoryInfo[input.category].label,
      unsubscribeUrl: unsubscribe.link,
      preferencesUrl: `${base}/account/preferences/email`,
      pixelUrl,
    }),
  });
  await prisma.emailEvent.update({ where: { id: event.id }, data: { messageId } });
  return { emailEventId: event.id.toString(), tracked };
}

/** Records an open from the pixel, only if the user allows open confirmations now. */
export async function recordEmailOpen(input: {
  userId: string;
  emailEventId: string;
  ip: string | null;
  userAgent: string | null;
}) {
  if (!/^\d{1,18}$/.test(input.emailEventId)) return false;
  const sent = await prisma.emailEvent.findFirst({
    where: { id: BigInt(input.emailEventId), userId: input.userId, kind: "SENT" },
    select: {
      category: true,
      subject: true,
      messageId: true,
      user: { select: { restrictedAt: true, preferences: { select: { emailTrackingAllowed: true } } } },
    },
  });
  if (!sent || sent.user.restrictedAt || sent.user.preferences?.emailTrackingAllowed !== true) return false;
  await prisma.emailEvent.create({
    data: {
      userId: input.userId,
      kind: "OPENED",
      category: sent.category,
      subject: sent.subject,
      messageId: sent.messageId,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      policyVersionId: await getPolicyVersionIdNow(),
    },
  });
  return true;
}
