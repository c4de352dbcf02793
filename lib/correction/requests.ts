// "This is wrong": a correction request (GDPR Art. 16) for an item the person
// cannot edit, pre-filled with a snapshot of the item. Only the viewer's own
// items can be reported; anything else is "not found".
import "server-only";
import { recordAudit } from "../audit/record";
import { assertViewer, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getOwnItem } from "../data/access";
import { prisma } from "../core/db";
import { defaultLawFor } from "../requests/deadlines";
import { createPrivacyRequest } from "../requests/person";

const MAX_CORRECTIONS_PER_DAY = 20;

export async function fileCorrectionRequest(options: {
  viewer: Viewer;
  dataset: string;
  itemId: string;
  details: string;
  correctValue?: string;
  ip?: string | null;
}) {
  const { viewer } = options;
  assertViewer(viewer);
  const item = await getOwnItem({ viewer, datasetKey: options.dataset, id: options.itemId });
  if (!item || !item.dataset.correctable) {
    await recordAudit({
      action: "authz.denied",
      actorId: viewer.userId,
      targetType: "DataItem",
      targetId: `${options.dataset.slice(0, 40)}:${options.itemId.slice(0, 60)}`,
      ip: options.ip ?? null,
      metadata: { area: "correction" },
    });
    throw new AppError("NOT_FOUND", { reason: "DATA_ITEM" });
  }
  const at = await now();
  const recent = await prisma.privacyRequest.count({
    where: { userId: viewer.userId, type: "CORRECTION", createdAt: { gt: new Date(at.getTime() - 86_400_000) } },
  });
  if (recent >= MAX_CORRECTIONS_PER_DAY) throw new AppError("LIMIT_REACHED", { reason: "CORRECTIONS_PER_DAY" });
  const details = [
    `Correction requested for ${item.category.title} → ${item.dataset.title}, record ${options.itemId}.`,
    `What is wrong: ${options.details}`,
    options.correctValue ? `What it should be: ${options.correctValue}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  const profile = await prisma.profile.findUnique({ where: { userId: viewer.userId }, select: { country: true } });
  const request = await createPrivacyRequest({
    viewer,
    type: "CORRECTION",
    law: defaultLawFor(profile?.country),
    details,
    subject: {
      category: item.category.slug,
      dataset: item.dataset.key,
      id: options.itemId,
      item: item.values,
      proposedValue: options.correctValue || null,
    },
    origin: "Filed from “Your data” (this is wrong).",
    ip: options.ip,
  });
  return { requestId: request.id };
}
