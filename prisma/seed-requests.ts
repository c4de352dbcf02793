// Demo privacy requests: a realistic mix of types, laws and states for the team's
// queue, some near their deadline and some overdue (relative to today, so the demo
// stays realistic whenever it is seeded), plus last year's closed ones for the metrics.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { addDays, initialDeadlines, LAW_RULES, type Law } from "../lib/requests/deadlines";

type Status = "RECEIVED" | "ACKNOWLEDGED" | "VERIFIED" | "IN_PROGRESS" | "COMPLETED" | "DENIED" | "WITHDRAWN";
type Type = "ACCESS" | "CORRECTION" | "DELETION" | "RESTRICTION" | "OBJECTION" | "SHINE_THE_LIGHT" | "QUESTION";

const PEOPLE = [
  { email: "dana@example.com", name: "Dana Rivera", country: "US" },
  { email: "erik@example.com", name: "Erik Lindqvist", country: "SE" },
  { email: "fatima@example.com", name: "Fatima Haddad", country: "FR" },
  { email: "gus@example.com", name: "Gus Okafor", country: "NG" },
];

const DETAILS: Record<Type, string> = {
  ACCESS: "Please send me a copy of all the data you hold about me.",
  CORRECTION: "My city in the server logs is wrong: I live in Oakland, not Newark.",
  DELETION: "Please delete my account and all my data.",
  RESTRICTION: "Please stop using my data while you check the correction I asked for.",
  OBJECTION: "I object to direct marketing.",
  SHINE_THE_LIGHT: "Which companies got my data for their marketing last year?",
  QUESTION: "Do you sell my data to anyone?",
};

// [type, law, status, days ago received, extended?]
const OPEN: [Type, Law, Status, number, boolean][] = [
  ["ACCESS", "GDPR", "VERIFIED", 3, false],
  ["CORRECTION", "GDPR", "IN_PROGRESS", 26, false], // due within a week
  ["DELETION", "CCPA", "VERIFIED", 41, false], // due within a week
  ["QUESTION", "OTHER", "IN_PROGRESS", 35, false], // overdue
  ["OBJECTION", "GDPR", "RECEIVED", 1, false],
  ["SHINE_THE_LIGHT", "CALIFORNIA_STL", "VERIFIED", 12, false],
  ["RESTRICTION", "GDPR", "IN_PROGRESS", 40, true], // extended, still on time
  ["ACCESS", "CCPA", "ACKNOWLEDGED", 8, false],
  ["CORRECTION", "CCPA", "IN_PROGRESS", 50, false], // overdue
  ["QUESTION", "GDPR", "VERIFIED", 29, false], // due within days
];

export async function seedRequests(
  prisma: PrismaClient,
  options: { adminId: string; bobId: string; policyVersionId: string },
) {
  const people = [options.bobId];
  for (const person of PEOPLE) {
    const user = await prisma.user.create({
      data: {
        email: person.email,
        name: person.name,
        emailVerified: addDays(new Date(), -300),
        ageConfirmedAt: addDays(new Date(), -300),
        createdAt: addDays(new Date(), -300),
        policyVersionId: options.policyVersionId,
      },
    });
    await prisma.userPreferences.create({ data: { userId: user.id } });
    await prisma.profile.create({
      data: { userId: user.id, country: person.country, policyVersionId: options.policyVersionId },
    });
    people.push(user.id);
  }
  const now = new Date();
  let index = 0;
  for (const [type, law, status, daysAgo, extended] of OPEN) {
    const received = addDays(now, -daysAgo);
    const { dueAt, acknowledgeBy } = initialDeadlines(law, received);
    const extendedDue = extended ? LAW_RULES[law].extended?.(received) : null;
    const verified = !["RECEIVED", "ACKNOWLEDGED"].includes(status);
    const request = await prisma.privacyRequest.create({
      data: {
        userId: people[index++ % people.length],
        type,
        jurisdiction: law,
        status,
        details: DETAILS[type],
        objectionScope: type === "OBJECTION" ? ["DIRECT_MARKETING"] : [],
        dueAt: extendedDue ?? dueAt,
        initialDueAt: dueAt,
        acknowledgeBy,
        acknowledgedAt: status === "RECEIVED" ? null : received,
        extendedAt: extended ? addDays(received, 20) : null,
        extensionReason: extended ? "We are waiting for our hosting provider's logs to check your request." : null,
        verifiedAt: verified ? received : null,
        verificationMethod: verified ? "session" : null,
        assigneeId: status === "IN_PROGRESS" ? options.adminId : null,
        createdAt: received,
        policyVersionId: options.policyVersionId,
      },
    });
    const events: { status: Status | "EXTENDED"; at: Date; note?: string }[] = [{ status: "RECEIVED", at: received }];
    if (status !== "RECEIVED")
      events.push({ status: "ACKNOWLEDGED", at: received, note: "We emailed you a confirmation." });
    if (verified) events.push({ status: "VERIFIED", at: received, note: "Identity verified: filed while signed in." });
    if (status === "IN_PROGRESS") events.push({ status: "IN_PROGRESS", at: addDays(received, 2) });
    if (extended)
      events.push({
        status: "EXTENDED",
        at: addDays(received, 20),
        note: "We are waiting for our hosting provider's logs to check your request.",
      });
    await prisma.privacyRequestEvent.createMany({
      data: events.map((event) => ({
        requestId: request.id,
        status: event.status,
        note: event.note ?? null,
        byTeam: event.status !== "RECEIVED",
        createdAt: event.at,
      })),
    });
  }

  // Last year's closed requests, for the public metrics.
  const lastYear = now.getUTCFullYear() - 1;
  const closed: [Type, Status, number][] = [
    ["ACCESS", "COMPLETED", 6],
    ["ACCESS", "COMPLETED", 14],
    ["ACCESS", "DENIED", 20],
    ["DELETION", "COMPLETED", 3],
    ["DELETION", "COMPLETED", 9],
    ["CORRECTION", "COMPLETED", 11],
    ["OBJECTION", "COMPLETED", 2],
    ["QUESTION", "WITHDRAWN", 4],
    ["SHINE_THE_LIGHT", "COMPLETED", 25],
  ];
  for (const [position, [type, status, days]] of closed.entries()) {
    const received = new Date(Date.UTC(lastYear, position, 10));
    const law: Law = type === "SHINE_THE_LIGHT" ? "CALIFORNIA_STL" : "GDPR";
    const { dueAt } = initialDeadlines(law, received);
    await prisma.privacyRequest.create({
      data: {
        userId: people[position % people.length],
        type,
        jurisdiction: law,
        status,
        isOpen: false,
        details: DETAILS[type],
        dueAt,
        initialDueAt: dueAt,
        verifiedAt: received,
        verificationMethod: "session",
        closedAt: addDays(received, days),
        createdAt: received,
        resolution: status === "DENIED" ? "We could not verify your identity." : null,
        policyVersionId: options.policyVersionId,
      },
    });
  }
}
