// The person's side of breach notices: the notices sent to them, shown in their
// portal (and as a banner) until they acknowledge each one.
import "server-only";
import { recordAudit } from "../audit/record";
import type { Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { BREACH_CONTENT_SELECT, type BreachContent } from "./content";

export type PortalBreachNotice = BreachContent & { acknowledgedAt: Date | null; notifiedAt: Date | null };

/** The viewer's breach notices (unacknowledged first); `onlyOpen` for the banner. */
export async function listMyBreachNotices(options: {
  viewer: Viewer;
  onlyOpen?: boolean;
}): Promise<PortalBreachNotice[]> {
  const deliveries = await prisma.noticeDelivery.findMany({
    where: {
      userId: options.viewer.userId,
      status: { not: "CANCELLED" },
      campaign: { kind: "BREACH" },
      ...(options.onlyOpen ? { acknowledgedAt: null } : {}),
    },
    orderBy: [{ createdAt: "desc" }],
    take: 20,
    select: { acknowledgedAt: true, sentAt: true, campaign: { select: { breach: { select: BREACH_CONTENT_SELECT } } } },
  });
  return deliveries
    .filter((delivery) => delivery.campaign.breach)
    .map((delivery) => ({
      ...delivery.campaign.breach!,
      acknowledgedAt: delivery.acknowledgedAt,
      notifiedAt: delivery.sentAt,
    }))
    .sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null));
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
