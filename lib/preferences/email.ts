// Email preferences: categories, the open-confirmation (tracking pixel)
// switch, and unsubscribes from email links. Every change → ConsentEvent.
import "server-only";
import { prisma } from "../core/db";
import { liftSuppression } from "../erasure/suppression";
import type { ConsentSource } from "../generated/prisma/enums";
import { EMAIL_CATEGORIES, type EmailCategoryName } from "../email/unsubscribe";
import { ensurePreferences, getPolicyVersionIdNow, onOff, recordConsentChanges, type ConsentChange } from "./consent";

export type EmailPreferences = {
  categories: Record<EmailCategoryName, boolean>;
  trackingAllowed: boolean;
  optOutSignalAt: Date | null;
};

export async function getEmailPreferences(userId: string): Promise<EmailPreferences> {
  const [subscriptions, preferences] = await Promise.all([
    prisma.emailSubscription.findMany({ where: { userId }, select: { category: true, subscribed: true } }),
    prisma.userPreferences.findUnique({
      where: { userId },
      select: { emailTrackingAllowed: true, optOutSignalAt: true },
    }),
  ]);
  const categories = Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, false])) as Record<
    EmailCategoryName,
    boolean
  >;
  for (const row of subscriptions) categories[row.category] = row.subscribed;
  return {
    categories,
    trackingAllowed: preferences?.emailTrackingAllowed ?? false,
    optOutSignalAt: preferences?.optOutSignalAt ?? null,
  };
}

export type EmailPreferenceUpdate = {
  categories?: Partial<Record<EmailCategoryName, boolean>>;
  trackingAllowed?: boolean;
};

/** Applies the changes that differ from what is stored; returns what changed. */
export async function updateEmailPreferences(input: {
  userId: string;
  update: EmailPreferenceUpdate;
  source: ConsentSource;
}): Promise<ConsentChange[]> {
  const policyVersionId = await getPolicyVersionIdNow();
  return prisma.$transaction(async (tx) => {
    const changes: ConsentChange[] = [];
    const current = await tx.emailSubscription.findMany({
      where: { userId: input.userId },
      select: { category: true, subscribed: true },
    });
    const currentByCategory = new Map(current.map((row) => [row.category, row.subscribed]));
    for (const category of EMAIL_CATEGORIES) {
      const wanted = input.update.categories?.[category];
      if (wanted === undefined) continue;
      const before = currentByCategory.get(category);
      if (before === wanted || (before === undefined && wanted === false)) continue;
      await tx.emailSubscription.upsert({
        where: { userId_category: { userId: input.userId, category } },
        create: { userId: input.userId, category, subscribed: wanted, policyVersionId },
        update: { subscribed: wanted },
      });
      changes.push({
        subject: `email:${category}`,
        oldValue: before === undefined ? null : onOff(before),
        newValue: onOff(wanted),
      });
      if (!wanted && input.source !== "PORTAL") {
        await tx.emailEvent.create({ data: { userId: input.userId, kind: "UNSUBSCRIBED", category, policyVersionId } });
      }
    }
    if (input.update.trackingAllowed !== undefined) {
      const preferences = await ensurePreferences(tx, input.userId);
      if (preferences.emailTrackingAllowed !== input.update.trackingAllowed) {
        await tx.userPreferences.update({
          where: { userId: input.userId },
          data: { emailTrackingAllowed: input.update.trackingAllowed },
        });
        changes.push({
          subject: "email:tracking",
          oldValue: onOff(preferences.emailTrackingAllowed),
          newValue: onOff(input.update.trackingAllowed),
        });
      }
    }
    // Subscribing again in the portal is new, explicit consent: it lifts a suppression of this address.
    if (
      input.source === "PORTAL" &&
      changes.some(
        (change) =>
          change.subject.startsWith("email:") && change.subject !== "email:tracking" && change.newValue === "on",
      )
    ) {
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { email: true } });
      if (user) await liftSuppression(tx, user.email);
    }
    await recordConsentChanges(tx, { userId: input.userId, source: input.source, changes, policyVersionId });
    return changes;
  });
}
