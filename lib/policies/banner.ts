// Which policy notices the banner shows: substantive versions that are
// upcoming, or took effect within POLICY_BANNER_DAYS, minus those the viewer
// dismissed.
import "server-only";
import { prisma } from "../core/db";
import { env } from "../core/env";
import { now } from "../core/clock";
import { AppError } from "../core/errors";

export const BANNER_COOKIE = "policy_notice_dismissed";

export type BannerNotice = {
  versionId: string;
  slug: string;
  title: string;
  version: number;
  effectiveAt: Date;
  isUpcoming: boolean;
};

export async function findBannerNotices(options: {
  userId: string | null;
  dismissedIds?: string[];
}): Promise<BannerNotice[]> {
  const at = await now();
  const since = new Date(at.getTime() - env().POLICY_BANNER_DAYS * 86_400_000);
  const versions = await prisma.policyVersion.findMany({
    where: { status: "PUBLISHED", isSubstantive: true, effectiveAt: { gte: since }, publishedAt: { lte: at } },
    orderBy: { effectiveAt: "asc" },
    take: 10,
    select: { id: true, version: true, effectiveAt: true, document: { select: { slug: true, title: true } } },
  });
  if (versions.length === 0) return [];
  const dismissed = new Set(options.dismissedIds ?? []);
  if (options.userId) {
    const rows = await prisma.policyBannerDismissal.findMany({
      where: { userId: options.userId, policyVersionId: { in: versions.map((v) => v.id) } },
      select: { policyVersionId: true },
    });
    for (const row of rows) dismissed.add(row.policyVersionId);
  }
  return versions
    .filter((v) => !dismissed.has(v.id))
    .slice(0, 3)
    .map((v) => ({
      versionId: v.id,
      slug: v.document.slug,
      title: v.document.title,
      version: v.version,
      effectiveAt: v.effectiveAt!,
      isUpcoming: v.effectiveAt! > at,
    }));
}

export async function dismissPolicyBanner(options: { userId: string; versionId: string }) {
  const version = await prisma.policyVersion.findFirst({
    where: { id: options.versionId, status: "PUBLISHED" },
    select: { id: true },
  });
  if (!version) throw new AppError("NOT_FOUND", { reason: "POLICY_VERSION" });
  await prisma.policyBannerDismissal.upsert({
    where: { userId_policyVersionId: { userId: options.userId, policyVersionId: options.versionId } },
    create: { userId: options.userId, policyVersionId: options.versionId, dismissedAt: await now() },
    update: {},
  });
}
