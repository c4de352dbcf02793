// Demo accountability records: a past breach whose notice went out (most people
// notified within 12 days, one acknowledged), a legal request still under a
// non-disclosure order (nobody told yet), and last year's refused request (told).
// Dates are relative to today so the demo stays realistic whenever it is seeded.
import type { PrismaClient } from "../lib/generated/prisma/client";

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const dayStart = (date: Date) => new Date(`${date.toISOString().slice(0, 10)}T00:00:00Z`);

export async function seedAccountabilityB(prisma: PrismaClient, options: { adminId: string }) {
  const people = await prisma.user.findMany({
    where: {
      email: {
        in: ["bob@example.com", "dana@example.com", "erik@example.com", "fatima@example.com", "gus@example.com"],
      },
    },
    orderBy: { email: "asc" },
    select: { id: true, email: true },
  });
  const discovered = dayStart(daysAgo(50));
  const sent = new Date(discovered.getTime() + 12 * DAY + 9 * 3_600_000);
  const breach = await prisma.breach.create({
    data: {
      title: "Support mailbox accessed by an outsider",
      whatHappened:
        "Someone signed in to one of our support team's mailboxes with a stolen password and could read messages sent to our support address over four days.",
      occurredFrom: dayStart(daysAgo(56)),
      occurredTo: dayStart(daysAgo(52)),
      discoveredAt: discovered,
      dataInvolved:
        "Your name, email address and the text of the support messages you sent us in that period. No passwords, payment details or telemetry were in the mailbox.",
      whatWeDid:
        "We locked the mailbox the same day, reset every support password, turned on security keys for the whole team, and reported the incident to our data-protection authority.",
      whatToDo:
        "Be wary of emails that mention your support conversation and ask you to click a link or pay. We will never ask for your password.",
      contact:
        "privacy@example.com, or by post: Prime Directive, Inc., Attn: Legal Notices - Privacy, 503 Paisley Place, Newark, DE 19711",
      audience: "LIST",
      audienceEmails: people.map((person) => person.email),
      status: "SENT",
      sentAt: sent,
      createdById: options.adminId,
      createdAt: new Date(discovered.getTime() + 10 * DAY),
    },
  });
  const campaign = await prisma.noticeCampaign.create({
    data: {
      kind: "BREACH",
      breachId: breach.id,
      audience: "BREACH",
      status: "COMPLETED",
      total: people.length,
      materializedAt: sent,
      heartbeatAt: sent,
      completedAt: new Date(sent.getTime() + 60_000),
      createdById: options.adminId,
      createdAt: sent,
    },
  });
  await prisma.noticeDelivery.createMany({
    data: people.map((person, index) => ({
      campaignId: campaign.id,
      userId: person.id,
      email: person.email,
      status: "SENT" as const,
      attempts: 1,
      sentAt: new Date(sent.getTime() + index * 1_000),
      acknowledgedAt: person.email === "bob@example.com" ? new Date(sent.getTime() + 2 * DAY) : null,
      createdAt: sent,
      updatedAt: sent,
    })),
  });

  const alice = await prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" }, select: { id: true } });
  await prisma.legalRequest.create({
    data: {
      authority: "Superior Court of California, County of San Francisco",
      legalBasis: "Search warrant under California Penal Code § 1524.3 (case SW-2026-0412)",
      receivedAt: dayStart(daysAgo(9)),
      dataRequested: "Account details and server logs (IP addresses) for one account from January to October 2026.",
      decision: "PARTIAL",
      dataDisclosed:
        "Account email address and creation date. Server logs were withheld as outside the warrant's dates.",
      goodFaithReason:
        "A valid warrant signed by a judge of competent jurisdiction, reviewed by counsel; we disclosed only what fell within its terms.",
      prohibitedUntil: dayStart(daysAgo(-21)),
      prohibitionNote: "Delayed-notice order under Penal Code § 1546.2(b), 90 days from issue.",
      createdById: options.adminId,
      subjects: { create: [{ userId: alice.id }] },
    },
  });
  const bob = people.find((person) => person.email === "bob@example.com");
  if (bob) {
    const told = dayStart(daysAgo(300));
    await prisma.legalRequest.create({
      data: {
        authority: "Example County Sheriff's Office",
        legalBasis: "Informal letter request without a subpoena or court order",
        receivedAt: dayStart(daysAgo(302)),
        dataRequested: "Everything held about one account.",
        decision: "REFUSED",
        notifiedAt: told,
        createdById: options.adminId,
        subjects: { create: [{ userId: bob.id, notifiedAt: told, emailedAt: told }] },
      },
    });
  }
}
