// Demo data for accountability: an organisation with many installs (so the public
// community statistics have groups of at least k to show), rows past their
// retention period (so a purge has something to remove), and a partner that
// receives only aggregate data (the "Who we share with" page).
import { createHash } from "node:crypto";
import type { PrismaClient } from "../lib/generated/prisma/client";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const OPS_INSTALLS = 34;

export async function seedAccountability(prisma: PrismaClient, options: { anchor: Date; policyVersionId: string }) {
  const { anchor, policyVersionId } = options;
  const daysBefore = (days: number) => new Date(anchor.getTime() - days * 86_400_000);
  await prisma.sharingRegisterEntry.create({
    data: {
      name: "Cloud Native Computing Foundation",
      address: "548 Market St, PMB 57274, San Francisco, CA 94104, USA",
      kind: "THIRD_PARTY",
      dataCategories: ["aggregate usage statistics (anonymized)"],
      purpose: "The yearly community report on which versions and features are in use.",
      isMarketing: false,
      startsOn: new Date("2024-01-01"),
    },
  });
  const ops = await prisma.user.create({
    data: {
      email: "ops@example.org",
      name: "Example Hosting Ops",
      emailVerified: daysBefore(900),
      ageConfirmedAt: daysBefore(900),
      createdAt: daysBefore(900),
      policyVersionId,
    },
  });
  await prisma.cluster.createMany({
    data: Array.from({ length: OPS_INSTALLS }, (_, index) => ({
      id: `0a5e${String(index).padStart(4, "0")}-ops-${index}`,
      userId: ops.id,
      name: `ops-${index}`,
      kind: "CLUSTER" as const,
      tokenHash: sha256(`demo-install-token-ops-${index}`),
      createdAt: daysBefore(900),
      lastReportAt: daysBefore(1),
      policyVersionId,
    })),
  });
  // Ten weeks of reports, two a week per install; installs upgrade over the weeks.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, payload, "policyVersionId")
     SELECT $1, '0a5e' || lpad(i::text, 4, '0') || '-ops-' || i, $2::timestamptz - ((w * 7 + r * 3 + 1) * interval '1 day') - (i * interval '1 minute'), 'usage',
            jsonb_build_object(
              'version', CASE WHEN i < 16 + (10 - w) THEN 'v20261101.0' WHEN i < 26 THEN 'v20261001.0' WHEN i < 30 THEN 'v20260901.0' ELSE 'v20260801.0' END,
              'features', (ARRAY[jsonb_build_array('deploy', 'logs'), jsonb_build_array('deploy', 'scale', 'logs'), jsonb_build_array('deploy', 'backups'), jsonb_build_array('deploy', 'logs', 'autoscaling')])[i % 4 + 1]
                          || CASE WHEN i = 7 THEN jsonb_build_array('gpu-scheduling') ELSE '[]'::jsonb END,
              'apps', i % 9 + 1),
            $3
       FROM generate_series(0, $4 - 1) AS i, generate_series(0, 9) AS w, generate_series(0, 1) AS r`,
    ops.id,
    anchor,
    policyVersionId,
    OPS_INSTALLS,
  );
  // Past their retention period (registry defaults: logs 180 days, telemetry 2 years, crashes 1 year, email events 2 years).
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, method, path, "policyVersionId")
     SELECT $1, $2::timestamptz - ((400 + g) * interval '1 day'), '198.51.100.' || (g % 50 + 1), 'GET', '/status', $3 FROM generate_series(1, 60) AS g`,
    ops.id,
    anchor,
    policyVersionId,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, payload, "policyVersionId")
     SELECT $1, '0a5e0000-ops-0', $2::timestamptz - ((800 + g) * interval '1 day'), 'usage', jsonb_build_object('version', 'v20240101.0'), $3 FROM generate_series(1, 40) AS g`,
    ops.id,
    anchor,
    policyVersionId,
  );
  await prisma.crashReport.createMany({
    data: Array.from({ length: 5 }, (_, index) => ({
      userId: ops.id,
      clusterId: "0a5e0001-ops-1",
      occurredAt: daysBefore(420 + index),
      product: "flynn-host",
      version: "v20240901.0",
      summary: "panic: out of memory",
      stackTrace: "goroutine 1 [running]",
      policyVersionId,
    })),
  });
  await prisma.emailEvent.createMany({
    data: Array.from({ length: 10 }, (_, index) => ({
      userId: ops.id,
      kind: "SENT",
      category: "PRODUCT_NEWS",
      subject: "Flynn monthly",
      occurredAt: daysBefore(760 + index * 7),
      policyVersionId,
    })),
  });
  await prisma.exportJob.create({
    data: {
      userId: ops.id,
      status: "EXPIRED",
      createdAt: daysBefore(70),
      completedAt: daysBefore(70),
      expiresAt: daysBefore(63),
      deletedAt: daysBefore(63),
    },
  });
  await prisma.verificationToken.create({
    data: { identifier: "ops@example.org", token: sha256("spent-demo-token"), expires: daysBefore(20) },
  });
  await prisma.session.create({
    data: {
      userId: ops.id,
      sessionToken: sha256("old-demo-session"),
      expires: daysBefore(90),
      createdAt: daysBefore(120),
    },
  });
  await prisma.parentRequest.create({
    data: {
      parentName: "Sam Parent",
      parentEmail: "sam.parent@example.net",
      childIdentifiers: "kid@example.net",
      relationship: "parent",
      accessTokenHash: sha256("unconfirmed-demo-parent"),
      createdAt: daysBefore(30),
    },
  });
}
