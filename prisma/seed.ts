// Deterministic demo data: policies, the sharing register, alice (a heavy
// user with months of records), bob (a second user for cross-user checks)
// and admin. `size` scales alice's server-log and telemetry rows for benchmarks.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { createHash } from "node:crypto";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedAccountability } from "./seed-accountability";
import { seedRequests } from "./seed-requests";
import { seedAccountabilityB } from "./seed-accountability-b";

export type SeedOptions = { databaseUrl: string; size?: number; log?: (line: string) => void };

/** Fixed anchor so the demo is the same on every machine. */
export const SEED_ANCHOR = new Date("2026-11-20T12:00:00Z");
export const DEMO_CLUSTER_TOKEN = "demo-install-token-alice-production";

// From the working directory (like prisma/migrations), so the compiled launcher (dist/) finds them too.
const seedText = (name: string) => fs.readFileSync(path.resolve("prisma/seed-data", name), "utf8");
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const daysBefore = (days: number) => new Date(SEED_ANCHOR.getTime() - days * 86_400_000);

export async function seedDatabase(options: SeedOptions) {
  const log = options.log ?? ((line: string) => console.log(`[seed] ${line}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl }) });
  try {
    if (await prisma.user.findUnique({ where: { email: "alice@example.com" } })) {
      log("demo data already present; run `npm run db:reset` to start over");
      return;
    }
    const size = options.size ?? 2_000;

    // Policies: the 2016 privacy policy, its 2025 successor, and a cookie policy.
    const privacy = await prisma.policyDocument.create({ data: { slug: "privacy", title: "Privacy Policy" } });
    const cookies = await prisma.policyDocument.create({ data: { slug: "cookies", title: "Cookie Policy" } });
    const v1 = await prisma.policyVersion.create({
      data: {
        documentId: privacy.id,
        version: 1,
        status: "PUBLISHED",
        markdown: seedText("privacy-v1.md"),
        summary: "First published privacy policy.",
        isSubstantive: true,
        effectiveAt: new Date("2016-09-22T00:00:00Z"),
        publishedAt: new Date("2016-09-22T00:00:00Z"),
      },
    });
    const v2 = await prisma.policyVersion.create({
      data: {
        documentId: privacy.id,
        version: 2,
        status: "PUBLISHED",
        markdown: seedText("privacy-v2.md"),
        summary:
          "Adds what we collect automatically (server logs, email confirmations), offers on behalf of other businesses, and the Privacy Center.",
        isSubstantive: true,
        effectiveAt: new Date("2025-06-01T00:00:00Z"),
        publishedAt: new Date("2025-04-15T00:00:00Z"),
      },
    });
    await prisma.policyVersion.create({
      data: {
        documentId: cookies.id,
        version: 1,
        status: "PUBLISHED",
        markdown: seedText("cookies-v1.md"),
        summary: "First cookie policy.",
        isSubstantive: true,
        effectiveAt: new Date("2025-06-01T00:00:00Z"),
        publishedAt: new Date("2025-04-15T00:00:00Z"),
      },
    });

    // The sharing register the policies imply.
    await prisma.sharingRegisterEntry.createMany({
      data: [
        {
          name: "Amazon Web Services, Inc.",
          address: "410 Terry Avenue North, Seattle, WA 98109, USA",
          kind: "PROCESSOR",
          dataCategories: ["telemetry", "server logs", "crash reports"],
          purpose: "Hosting of our services and storage of usage statistics.",
          isMarketing: false,
          startsOn: new Date("2016-01-01"),
        },
        {
          name: "Mailgun Technologies, Inc.",
          address: "112 E Pecan St #1135, San Antonio, TX 78205, USA",
          kind: "PROCESSOR",
          dataCategories: ["contact details", "email events"],
          purpose: "Delivering the emails you asked for and legal notices.",
          isMarketing: false,
          startsOn: new Date("2017-03-01"),
        },
        {
          name: "X Corp. (Twitter conversion tracking)",
          address: "1355 Market Street, Suite 900, San Francisco, CA 94103, USA",
          kind: "THIRD_PARTY",
          dataCategories: ["cookie identifiers", "pages visited"],
          purpose: "Conversion tracking and interest-based ads, only with your consent.",
          isMarketing: true,
          startsOn: new Date("2016-09-22"),
        },
        {
          name: "Mesosphere, Inc.",
          address: "88 Stevenson Street, San Francisco, CA 94105, USA",
          kind: "AFFILIATE",
          dataCategories: ["contact details", "mailing-list preferences"],
          purpose: "Offers on behalf of partner businesses, only if you subscribed to promotional email.",
          isMarketing: true,
          startsOn: new Date("2025-06-01"),
        },
        {
          name: "Sentry (Functional Software, Inc.)",
          address: "45 Fremont Street, 8th Floor, San Francisco, CA 94105, USA",
          kind: "AGENT",
          dataCategories: ["crash reports"],
          purpose: "Processing crash reports you choose to send.",
          isMarketing: false,
          startsOn: new Date("2019-05-01"),
        },
      ],
    });

    // People.
    const admin = await prisma.user.create({
      data: {
        email: "admin@example.com",
        name: "Pat Admin",
        role: "ADMIN",
        emailVerified: daysBefore(400),
        ageConfirmedAt: daysBefore(400),
        createdAt: daysBefore(400),
        policyVersionId: v2.id,
      },
    });
    const alice = await prisma.user.create({
      data: {
        email: "alice@example.com",
        name: "Alice Example",
        emailVerified: daysBefore(3000),
        ageConfirmedAt: daysBefore(3000),
        createdAt: new Date("2016-10-03T09:15:00Z"),
        policyVersionId: v1.id,
      },
    });
    const bob = await prisma.user.create({
      data: {
        email: "bob@example.com",
        name: "Bob Sample",
        emailVerified: daysBefore(200),
        ageConfirmedAt: daysBefore(200),
        createdAt: daysBefore(200),
        policyVersionId: v2.id,
      },
    });
    for (const user of [admin, alice, bob])
      await prisma.userPreferences.create({ data: { userId: user.id, emailTrackingAllowed: user.id === alice.id } });

    await prisma.profile.create({
      data: {
        userId: alice.id,
        displayName: "Alice",
        phone: "+1 302 555 0142",
        company: "Example Robotics",
        addressLine: "12 Harbour Road",
        city: "Newark",
        postalCode: "19711",
        country: "US",
        createdAt: new Date("2016-10-03T09:15:00Z"),
        policyVersionId: v1.id,
      },
    });
    await prisma.profile.create({
      data: {
        userId: bob.id,
        displayName: "Bob",
        company: "Sample Ltd",
        city: "Leeds",
        country: "GB",
        policyVersionId: v2.id,
      },
    });
    await prisma.account.create({
      data: {
        userId: alice.id,
        type: "oauth",
        provider: "github",
        providerAccountId: "9001337",
        scope: "read:user user:email",
        createdAt: new Date("2016-10-03T09:16:00Z"),
        policyVersionId: v1.id,
      },
    });

    // Bulk rows are generated in SQL: deterministic, and fast at 10^6.
    const logCount = Math.round(size * 0.6);
    const telemetryCount = size - logCount;
    log(`alice: ${logCount} server-log records, ${telemetryCount} telemetry reports`);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, "geoCountry", "geoCity", "deviceId", "cookieId", "userAgent", browser, "deviceType", method, path, "policyVersionId")
       SELECT $1,
              $2::timestamptz - (g * (180 * 86400.0 / $3)) * interval '1 second',
              '203.0.113.' || (g % 250 + 1),
              (ARRAY['US','US','US','DE','GB'])[g % 5 + 1],
              (ARRAY['Newark','Newark','Philadelphia','Berlin','London'])[g % 5 + 1],
              'dev-' || substr(md5('device' || (g % 3)), 1, 12),
              'ck-' || substr(md5('cookie' || (g % 7)), 1, 16),
              (ARRAY['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
                     'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36',
                     'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148'])[g % 3 + 1],
              (ARRAY['Safari','Chrome','Mobile Safari'])[g % 3 + 1],
              (ARRAY['desktop','desktop','mobile'])[g % 3 + 1],
              (ARRAY['GET','GET','GET','POST'])[g % 4 + 1],
              (ARRAY['/','/docs/installation','/docs/cli','/blog/flynn-2016','/downloads','/docs/production','/account'])[g % 7 + 1],
              $4
         FROM generate_series(1, $3) AS g`,
      alice.id,
      SEED_ANCHOR,
      logCount,
      v2.id,
    );

    const clusters = [
      { id: "c7f3a2d1-prod-0001", name: "production (us-east-1)", kind: "CLUSTER" as const, token: DEMO_CLUSTER_TOKEN },
      {
        id: "e19b44c0-cli-0002",
        name: "Alice's laptop CLI",
        kind: "CLI" as const,
        token: "demo-install-token-alice-cli",
      },
    ];
    for (const cluster of clusters) {
      await prisma.cluster.create({
        data: {
          id: cluster.id,
          userId: alice.id,
          name: cluster.name,
          kind: cluster.kind,
          tokenHash: sha256(cluster.token),
          createdAt: daysBefore(400),
          lastReportAt: daysBefore(0),
          policyVersionId: v2.id,
        },
      });
    }
    await prisma.cluster.create({
      data: {
        id: "b0b00000-prod-0003",
        userId: bob.id,
        name: "bob-staging",
        kind: "CLUSTER",
        tokenHash: sha256("demo-install-token-bob"),
        createdAt: daysBefore(150),
        lastReportAt: daysBefore(1),
        policyVersionId: v2.id,
      },
    });
    await prisma.$executeRawUnsafe(
      `INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, ip, payload, "policyVersionId")
       SELECT $1,
              CASE WHEN g % 4 = 0 THEN 'e19b44c0-cli-0002' ELSE 'c7f3a2d1-prod-0001' END,
              $2::timestamptz - (g * (180 * 86400.0 / $3)) * interval '1 second',
              (ARRAY['usage','performance','configuration'])[g % 3 + 1],
              '198.51.100.' || (g % 200 + 1),
              jsonb_build_object('apps', g % 40, 'hosts', g % 5 + 1, 'version', 'v2026' || lpad((g % 12 + 1)::text, 2, '0') || '01.0', 'uptimeSeconds', g * 37 % 864000, 'install', substr(md5('inst' || (g % 4)), 1, 10)),
              $4
         FROM generate_series(1, $3) AS g`,
      alice.id,
      SEED_ANCHOR,
      telemetryCount,
      v2.id,
    );
    await prisma.telemetryReport.createMany({
      data: Array.from({ length: 25 }, (_, index) => ({
        userId: bob.id,
        clusterId: "b0b00000-prod-0003",
        receivedAt: daysBefore(index),
        kind: "usage",
        ip: "192.0.2.77",
        payload: { apps: 3, hosts: 1 },
        policyVersionId: v2.id,
      })),
    });

    await prisma.crashReport.create({
      data: {
        userId: alice.id,
        clusterId: clusters[0].id,
        occurredAt: daysBefore(33),
        product: "flynn-host",
        version: "v20261001.0",
        summary: "panic: runtime error: invalid memory address",
        stackTrace: "goroutine 1 [running]:\nmain.(*Host).Start(0xc000120000)\n\t/go/src/flynn/host/host.go:214 +0x1c5",
        ip: "198.51.100.23",
        policyVersionId: v2.id,
      },
    });
    await prisma.thirdPartyRecord.create({
      data: {
        userId: alice.id,
        source: "Amazon Web Services",
        category: "Cloud provider account set-up",
        description: "When Flynn set up your cluster on AWS, AWS told us your account's region and instance types.",
        data: { awsAccountAlias: "example-robotics", region: "us-east-1", instanceType: "m5.large" },
        receivedAt: daysBefore(400),
        policyVersionId: v2.id,
      },
    });
    await prisma.thirdPartyRecord.create({
      data: {
        userId: alice.id,
        source: "GitHub",
        category: "Linked account profile",
        description: "Your public GitHub profile, received when you linked the account.",
        data: { login: "alice-example", publicRepos: 14 },
        receivedAt: new Date("2016-10-03T09:16:00Z"),
        policyVersionId: v1.id,
      },
    });
    await prisma.inference.createMany({
      data: [
        {
          userId: alice.id,
          kind: "operating_system",
          value: "macOS",
          basis: "Guessed from your browser's user agent to offer the right CLI download.",
          confidence: 0.9,
          inferredAt: daysBefore(12),
          policyVersionId: v2.id,
        },
        {
          userId: alice.id,
          kind: "country",
          value: "United States",
          basis: "Guessed from your IP address (203.0.113.0/24).",
          confidence: 0.8,
          inferredAt: daysBefore(12),
          policyVersionId: v2.id,
        },
      ],
    });
    await prisma.emailSubscription.createMany({
      data: [
        { userId: alice.id, category: "PRODUCT_NEWS", subscribed: true, policyVersionId: v2.id },
        { userId: alice.id, category: "PROMOTIONS", subscribed: false, policyVersionId: v2.id },
        { userId: alice.id, category: "BLOG_COMMENTS", subscribed: true, policyVersionId: v2.id },
        { userId: bob.id, category: "PRODUCT_NEWS", subscribed: true, policyVersionId: v2.id },
      ],
    });
    await prisma.emailEvent.createMany({
      data: Array.from({ length: 12 }, (_, index) => ({
        userId: alice.id,
        kind: index % 3 === 2 ? "OPENED" : "SENT",
        category: index % 2 ? "BLOG_COMMENTS" : "PRODUCT_NEWS",
        subject:
          index % 2
            ? "New comment on “Flynn in production”"
            : `Flynn monthly: ${["July", "August", "September", "October", "November", "June"][index % 6]} release notes`,
        messageId: `<seed-${index}@privacy.example>`,
        occurredAt: daysBefore(10 + index * 14),
        policyVersionId: v2.id,
      })),
    });
    await prisma.consentEvent.createMany({
      data: [
        {
          userId: alice.id,
          subject: "email:PRODUCT_NEWS",
          oldValue: null,
          newValue: "on",
          source: "PORTAL",
          occurredAt: new Date("2016-10-03T09:20:00Z"),
          policyVersionId: v1.id,
        },
        {
          userId: alice.id,
          subject: "email:BLOG_COMMENTS",
          oldValue: null,
          newValue: "on",
          source: "PORTAL",
          occurredAt: daysBefore(300),
          policyVersionId: v2.id,
        },
        {
          userId: alice.id,
          subject: "email:PROMOTIONS",
          oldValue: "on",
          newValue: "off",
          source: "EMAIL_LINK",
          occurredAt: daysBefore(90),
          policyVersionId: v2.id,
        },
        {
          userId: alice.id,
          subject: "email:tracking",
          oldValue: "off",
          newValue: "on",
          source: "PORTAL",
          occurredAt: daysBefore(300),
          policyVersionId: v2.id,
        },
      ],
    });
    const request = await prisma.privacyRequest.create({
      data: {
        userId: alice.id,
        type: "ACCESS",
        status: "COMPLETED",
        isOpen: false,
        jurisdiction: "GDPR",
        details: "Please send me a copy of my data.",
        dueAt: daysBefore(60 - 30),
        initialDueAt: daysBefore(60 - 30),
        closedAt: daysBefore(55),
        createdAt: daysBefore(60),
        resolution: "Archive sent through the Privacy Center.",
        policyVersionId: v2.id,
      },
    });
    await prisma.privacyRequestEvent.createMany({
      data: [
        { requestId: request.id, status: "RECEIVED", createdAt: daysBefore(60) },
        { requestId: request.id, status: "VERIFIED", createdAt: daysBefore(60) },
        { requestId: request.id, status: "IN_PROGRESS", createdAt: daysBefore(58), actorId: admin.id },
        {
          requestId: request.id,
          status: "COMPLETED",
          note: "Archive sent through the Privacy Center.",
          createdAt: daysBefore(55),
          actorId: admin.id,
        },
      ],
    });
    await seedRequests(prisma, { adminId: admin.id, bobId: bob.id, policyVersionId: v2.id });
    await seedAccountabilityB(prisma, { adminId: admin.id });
    // Data held by address, with or without an account (issue 19): alice's newsletter copy of her
    // account address, and people who never made an account.
    await prisma.newsletterSubscriber.createMany({
      data: [
        {
          email: "alice@example.com",
          name: "Alice",
          source: "website footer",
          subscribedAt: new Date("2025-02-03T09:00:00Z"),
          policyVersionId: v1.id,
        },
        {
          email: "hana@example.net",
          name: "Hana Sato",
          source: "website footer",
          subscribedAt: new Date("2025-08-14T17:20:00Z"),
          policyVersionId: v2.id,
        },
        {
          email: "ivan@example.net",
          source: "conference badge scan",
          subscribedAt: new Date("2026-03-11T10:05:00Z"),
          policyVersionId: v2.id,
        },
      ],
    });
    await prisma.eventSignup.createMany({
      data: [
        {
          email: "hana@example.net",
          name: "Hana Sato",
          company: "Sato Labs",
          event: "Flynn meetup Tokyo 2026",
          signedUpAt: new Date("2026-04-02T08:00:00Z"),
          attended: true,
        },
        {
          email: "bob@example.com",
          name: "Bob",
          event: "Webinar: zero-downtime deploys",
          signedUpAt: new Date("2026-06-20T15:00:00Z"),
        },
      ],
    });
    await prisma.contactMessage.createMany({
      data: [
        {
          email: "ivan@example.net",
          name: "Ivan",
          message: "Do you offer a discount for non-profits?",
          ip: "198.51.100.23",
          receivedAt: new Date("2026-05-09T12:30:00Z"),
        },
      ],
    });
    await seedAccountability(prisma, { anchor: SEED_ANCHOR, policyVersionId: v2.id });
    log(`seeded alice@example.com, bob@example.com and admin@example.com (${size} bulk rows), and privacy requests`);
  } finally {
    await prisma.$disconnect();
  }
}
