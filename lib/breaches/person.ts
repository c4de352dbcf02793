// The person's side of breach notices: the notices sent to them, shown in their
// portal (and as a banner) until they acknowledge each one.
import "server-only";
import { recordAudit } from "../audit/record";
import type { Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { getPool, prisma } from "../core/db";
import { AppError } from "../core/errors";
import type { BreachContent } from "./content";

export type PortalBreachNotice = BreachContent & { acknowledgedAt: Date | null; notifiedAt: Date | null };

// One round trip (the banner is on every portal page; Prisma's nested select took three:
// deliveries, their campaigns, then the breaches). Prisma's DateTime columns are UTC timestamps
// without a zone: read as timestamptz, whatever the server's TZ.
const noticesQuery = `
  SELECT b.id, b.title, b."whatHappened",
         b."occurredFrom" AT TIME ZONE 'UTC' AS "occurredFrom", b."occurredTo" AT TIME ZONE 'UTC' AS "occurredTo",
         b."discoveredAt" AT TIME ZONE 'UTC' AS "discoveredAt",
         b."dataInvolved", b."whatWeDid", b."whatToDo", b.contact,
         d."acknowledgedAt" AT TIME ZONE 'UTC' AS "acknowledgedAt", d."sentAt" AT TIME ZONE 'UTC' AS "notifiedAt"
    FROM "NoticeDelivery" d
    JOIN "NoticeCampaign" c ON c.id = d."campaignId" AND c.kind = 'BREACH'
    JOIN "Breach" b ON b.id = c."breachId"
   WHERE d."userId" = $1 AND d.status <> 'CANCELLED' AND ($2::boolean IS FALSE OR d."acknowledgedAt" IS NULL)
   ORDER BY d."acknowledgedAt" IS NOT NULL, d."createdAt" DESC
   LIMIT 20`;

/** The viewer's breach notices (unacknowledged first); `onlyOpen` for the banner. */
export async function listMyBreachNotices(options: {
  viewer: Viewer;
  onlyOpen?: boolean;
}): Promise<PortalBreachNotice[]> {
  const { rows } = await getPool().query<PortalBreachNotice>(noticesQuery, [
    options.viewer.userId,
    options.onlyOpen ?? false,
  ]);
  return rows;
}

export async function acknowledgeBreachNotice({
  viewer,
  breachId,
}: {
  viewer: Viewer;
  breachId: string;
}): Promise<void> {
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const delivery = await tx.noticeDelivery.findFirst({
      where: { userId: viewer.userId, campaign: { breachId } },
      select: { id: true, acknowledgedAt: true },
    });
    if (!delivery) throw new AppError("NOT_FOUND", { reason: "BREACH_NOTICE" });
    if (delivery.acknowledgedAt) return;
    await tx.noticeDelivery.update({ where: { id: delivery.id }, data: { acknowledgedAt: at } });
    await recordAudit(
      { action: "breach.acknowledge", actorId: viewer.userId, targetType: "Breach", targetId: breachId },
      tx,
    );
  });
}
