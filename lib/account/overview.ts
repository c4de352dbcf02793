import "server-only";
import { prisma } from "../core/db";
import type { Viewer } from "../core/viewer";

/** A small summary of the viewer's own account, scoped to the viewer. */
export async function getAccountOverview({ viewer }: { viewer: Viewer }) {
  const user = await prisma.user.findUnique({
    where: { id: viewer.userId },
    select: {
      email: true,
      name: true,
      createdAt: true,
      policyVersion: {
        select: { version: true, effectiveAt: true, document: { select: { title: true, slug: true } } },
      },
      _count: { select: { serverLogs: true, clusters: true, telemetryReports: true, privacyRequests: true } },
    },
  });
  if (!user) return null;
  return {
    email: user.email,
    name: user.name,
    memberSince: user.createdAt,
    policy: user.policyVersion
      ? {
          title: user.policyVersion.document.title,
          slug: user.policyVersion.document.slug,
          version: user.policyVersion.version,
          effectiveAt: user.policyVersion.effectiveAt,
        }
      : null,
    counts: user._count,
  };
}
