// The privacy team's front page: workload counts and the latest audit rows.
import "server-only";
import { assertAdmin, type Viewer } from "../core/viewer";
import { prisma } from "../core/db";

export async function getAdminOverview({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const [accounts, openRequests, parentRequests, recentAudit] = await Promise.all([
    prisma.user.count(),
    // The queue's "open": not closed (completed, denied or withdrawn) and the address confirmed.
    prisma.privacyRequest.count({ where: { isOpen: true, status: { not: "AWAITING_VERIFICATION" } } }),
    prisma.parentRequest.count({ where: { status: "UNDER_REVIEW" } }),
    prisma.auditLog.findMany({
      orderBy: { at: "desc" },
      take: 10,
      select: { id: true, at: true, action: true, actorId: true, targetType: true },
    }),
  ]);
  return {
    accounts,
    openRequests,
    parentRequests,
    recentAudit: recentAudit.map((entry) => ({ ...entry, id: entry.id.toString() })),
  };
}
