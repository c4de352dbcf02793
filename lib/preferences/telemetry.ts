// Telemetry preferences: the user's installs, per-install and account-wide
// switches, and deletion of what was already collected. Ingestion processes
// are told at once (NOTIFY) and re-check opt-outs when writing anyway.
import "server-only";
import { assertViewer, type Viewer } from "../core/viewer";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import {
  ensurePreferences,
  getPolicyVersionIdNow,
  notifyTelemetryChange,
  onOff,
  recordConsentChanges,
  type ConsentChange,
} from "./consent";

export async function getTelemetryOverview(userId: string) {
  const [preferences, clusters, counts] = await Promise.all([
    prisma.userPreferences.findUnique({ where: { userId }, select: { telemetryEnabled: true } }),
    prisma.cluster.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, kind: true, telemetryEnabled: true, lastReportAt: true, createdAt: true },
    }),
    prisma.telemetryReport.groupBy({ by: ["clusterId"], where: { userId }, _count: { _all: true } }),
  ]);
  const countByCluster = new Map(counts.map((row) => [row.clusterId, row._count._all]));
  return {
    accountEnabled: preferences?.telemetryEnabled ?? true,
    installs: clusters.map((cluster) => ({ ...cluster, reportsHeld: countByCluster.get(cluster.id) ?? 0 })),
  };
}

/** Turns one install's telemetry on or off; when turning off, optionally deletes its reports. */
export async function setInstallTelemetry(options: {
  viewer: Viewer;
  clusterId: string;
  enabled: boolean;
  purge: boolean;
}) {
  assertViewer(options.viewer);
  const input = { ...options, userId: options.viewer.userId };
  const policyVersionId = await getPolicyVersionIdNow();
  return prisma.$transaction(async (tx) => {
    const cluster = await tx.cluster.findFirst({
      where: { id: input.clusterId, userId: input.userId },
      select: { id: true, telemetryEnabled: true },
    });
    if (!cluster) throw new AppError("NOT_FOUND", { reason: "INSTALL" });
    const changes: ConsentChange[] = [];
    if (cluster.telemetryEnabled !== input.enabled) {
      await tx.cluster.update({ where: { id: cluster.id }, data: { telemetryEnabled: input.enabled } });
      changes.push({
        subject: `telemetry:cluster:${cluster.id}`,
        oldValue: onOff(cluster.telemetryEnabled),
        newValue: onOff(input.enabled),
      });
    }
    let purged = 0;
    if (!input.enabled && input.purge) {
      purged = (await tx.telemetryReport.deleteMany({ where: { userId: input.userId, clusterId: cluster.id } })).count;
      changes.push({
        subject: `telemetry:purge:${cluster.id}`,
        oldValue: null,
        newValue: `deleted ${purged} report${purged === 1 ? "" : "s"}`,
      });
    }
    await recordConsentChanges(tx, { userId: input.userId, source: "PORTAL", changes, policyVersionId });
    await notifyTelemetryChange(tx, `cluster:${cluster.id}`);
    return { changed: changes.length > 0, purged };
  });
}

/** The account-wide switch; when turning off, optionally deletes every install's reports. */
export async function setAccountTelemetry(options: { viewer: Viewer; enabled: boolean; purge: boolean }) {
  assertViewer(options.viewer);
  const input = { ...options, userId: options.viewer.userId };
  const policyVersionId = await getPolicyVersionIdNow();
  return prisma.$transaction(async (tx) => {
    const preferences = await ensurePreferences(tx, input.userId);
    const changes: ConsentChange[] = [];
    if (preferences.telemetryEnabled !== input.enabled) {
      await tx.userPreferences.update({ where: { userId: input.userId }, data: { telemetryEnabled: input.enabled } });
      changes.push({
        subject: "telemetry:account",
        oldValue: onOff(preferences.telemetryEnabled),
        newValue: onOff(input.enabled),
      });
    }
    let purged = 0;
    if (!input.enabled && input.purge) {
      purged = (await tx.telemetryReport.deleteMany({ where: { userId: input.userId } })).count;
      changes.push({
        subject: "telemetry:purge",
        oldValue: null,
        newValue: `deleted ${purged} report${purged === 1 ? "" : "s"}`,
      });
    }
    await recordConsentChanges(tx, { userId: input.userId, source: "PORTAL", changes, policyVersionId });
    await notifyTelemetryChange(tx, `user:${input.userId}`);
    return { changed: changes.length > 0, purged };
  });
}
