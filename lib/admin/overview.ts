// The privacy team's front page: workload counts (the latest audit rows come from lib/audit/browse.ts,
// with their actors resolved, so the page can say them in words).
import "server-only";
import { assertAdmin, type Viewer } from "../core/viewer";
import { prisma } from "../core/db";

export async function getAdminOverview({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const [accounts, openRequests, parentRequests] = await Promise.all([
    prisma.user.count(),
    // The queue's "open": not closed (completed, denied or withdrawn) and the address confirmed.
    prisma.privacyRequest.count({ where: { isOpen: true, status: { not: "AWAITING_VERIFICATION" } } }),
    prisma.parentRequest.count({ where: { status: "UNDER_REVIEW" } }),
  ]);
  return {
    accounts,
    openRequests,
    parentRequests,
  };
}
