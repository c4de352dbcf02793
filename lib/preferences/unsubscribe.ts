// Changes made through a signed email link (no session): the token proves the
// mailbox, and names the category a one-click POST may turn off.
import "server-only";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { maskEmail } from "../email/mask";
import { verifyUnsubscribeToken, type EmailCategoryName } from "../email/unsubscribe";
import { getEmailPreferences, updateEmailPreferences, type EmailPreferenceUpdate } from "./email";

export type UnsubscribeClaim = { userId: string; category: EmailCategoryName };

/** The claim of a signed link; a changed or cut-short token is NOT_FOUND. */
export function readUnsubscribeClaim(token: unknown): UnsubscribeClaim {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) throw new AppError("NOT_FOUND", { reason: "UNSUBSCRIBE_LINK" });
  return claim;
}

/** The person a verified link names; a deleted account is NOT_FOUND (the link is dead). */
async function findLinkUser(claim: UnsubscribeClaim) {
  const user = await prisma.user.findUnique({ where: { id: claim.userId }, select: { id: true, email: true } });
  if (!user) throw new AppError("NOT_FOUND", { reason: "UNSUBSCRIBE_LINK" });
  return user;
}

export async function unsubscribeWithToken(input: { claim: UnsubscribeClaim; source: "ONE_CLICK" | "EMAIL_LINK" }) {
  const user = await findLinkUser(input.claim);
  const changes = await updateEmailPreferences({
    userId: user.id,
    source: input.source,
    update: { categories: { [input.claim.category]: false } },
  });
  return { changed: changes.length > 0 };
}

export async function adjustWithToken(input: { claim: UnsubscribeClaim; update: EmailPreferenceUpdate }) {
  const user = await findLinkUser(input.claim);
  const changes = await updateEmailPreferences({
    userId: user.id,
    source: "EMAIL_LINK",
    update: { categories: input.update.categories },
  });
  return { changes };
}

/** What the confirm page shows: the address (partly hidden) and current choices. */
export async function getLinkSubscriber(claim: UnsubscribeClaim) {
  const user = await prisma.user.findUnique({ where: { id: claim.userId }, select: { email: true } });
  if (!user) return null;
  const preferences = await getEmailPreferences(claim.userId);
  return { maskedEmail: maskEmail(user.email), categories: preferences.categories };
}
