// Changes made through a signed email link (no session): the token proves the
// mailbox, and names the category a one-click POST may turn off.
import "server-only";
import { prisma } from "../db";
import type { EmailCategoryName } from "../email/unsubscribe";
import { getEmailPreferences, updateEmailPreferences, type EmailPreferenceUpdate } from "./email";

export type UnsubscribeClaim = { userId: string; category: EmailCategoryName };

export async function unsubscribeWithToken(input: { claim: UnsubscribeClaim; source: "ONE_CLICK" | "EMAIL_LINK" }) {
  const user = await prisma.user.findUnique({ where: { id: input.claim.userId }, select: { id: true } });
  if (!user) return { ok: false as const };
  const changes = await updateEmailPreferences({ userId: user.id, source: input.source, update: { categories: { [input.claim.category]: false } } });
  return { ok: true as const, changed: changes.length > 0 };
}

export async function adjustWithToken(input: { claim: UnsubscribeClaim; update: EmailPreferenceUpdate }) {
  const user = await prisma.user.findUnique({ where: { id: input.claim.userId }, select: { id: true } });
  if (!user) return { ok: false as const };
  const changes = await updateEmailPreferences({ userId: user.id, source: "EMAIL_LINK", update: { categories: input.update.categories } });
  return { ok: true as const, changes };
}

/** What the confirm page shows: the address (partly hidden) and current choices. */
export async function getLinkSubscriber(claim: UnsubscribeClaim) {
  const user = await prisma.user.findUnique({ where: { id: claim.userId }, select: { email: true } });
  if (!user) return null;
  const [local, domain] = user.email.split("@");
  const masked = `${local.slice(0, 1)}${"•".repeat(Math.max(1, Math.min(local.length - 1, 6)))}@${domain}`;
  const preferences = await getEmailPreferences(claim.userId);
  return { maskedEmail: masked, categories: preferences.categories };
}
