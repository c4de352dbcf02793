// The person's side of the legal-request register: the requests that concerned
// them, once they may be told.
import "server-only";
import type { Viewer } from "../core/viewer";
import { prisma } from "../core/db";
import { legalReference } from "./admin";

/** The viewer's own legal requests, once they may be told. */
export async function listMyLegalRequests({ viewer }: { viewer: Viewer }) {
  const rows = await prisma.legalRequestSubject.findMany({
    where: { userId: viewer.userId, notifiedAt: { not: null } },
    orderBy: { notifiedAt: "desc" },
    take: 50,
    select: {
      notifiedAt: true,
      legalRequest: {
        select: {
          id: true,
          authority: true,
          legalBasis: true,
          receivedAt: true,
          dataRequested: true,
          dataDisclosed: true,
          decision: true,
          goodFaithReason: true,
        },
      },
    },
  });
  return rows.map((row) => ({
    ...row.legalRequest,
    reference: legalReference(row.legalRequest.id),
    notifiedAt: row.notifiedAt!,
  }));
}
