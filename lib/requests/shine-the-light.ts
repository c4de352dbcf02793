// California "Shine the Light" (Civ. Code 1798.83): for the calendar year before
// the request, the categories of personal information disclosed to third parties
// for their own direct marketing, and each such party's name and address, read
// from the sharing register's marketing entries active in that year.
import "server-only";
import { assertAdmin, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { applyStep, notifyPerson } from "./transitions";

export type StlRecipient = { name: string; address: string; categories: string[] };

export const defaultStlCover = (year: number) =>
  `You asked, under California Civil Code section 1798.83, which third parties received your personal information for their own direct marketing purposes in ${year}.`;

/** The register's marketing recipients active at any time in the calendar year. */
export async function findMarketingRecipients(year: number): Promise<StlRecipient[]> {
  const start = new Date(Date.UTC(year, 0, 1));
  const end = new Date(Date.UTC(year + 1, 0, 1));
  const entries = await prisma.sharingRegisterEntry.findMany({
    where: { isMarketing: true, startsOn: { lt: end }, OR: [{ endsOn: null }, { endsOn: { gte: start } }] },
    orderBy: { name: "asc" },
    select: { name: true, address: true, dataCategories: true },
  });
  return entries.map((entry) => ({ name: entry.name, address: entry.address, categories: entry.dataCategories }));
}

/** The notice's text: the cover, then the categories and the recipients (or a plain statement that there were none). */
export function renderStlNotice(options: { year: number; cover: string; recipients: StlRecipient[] }): string {
  const lines = [options.cover.trim(), ""];
  if (options.recipients.length === 0) {
    lines.push(
      `In ${options.year} we did not disclose personal information about you, or anyone, to any third party for its own direct marketing purposes.`,
    );
  } else {
    const categories = [...new Set(options.recipients.flatMap((recipient) => recipient.categories))].sort();
    lines.push(
      `In ${options.year} we disclosed these categories of personal information to third parties for their own direct marketing purposes:`,
    );
    for (const category of categories) lines.push(`- ${category}`);
    lines.push("", "The third parties that received them:");
    for (const recipient of options.recipients)
      lines.push(`- ${recipient.name}, ${recipient.address} (${recipient.categories.join(", ")})`);
  }
  return lines.join("\n");
}

export async function previewShineTheLight({ admin, id, cover }: { admin: Viewer; id: string; cover?: string }) {
  assertAdmin(admin);
  const request = await prisma.privacyRequest.findUnique({ where: { id }, select: { type: true, createdAt: true } });
  if (!request) throw new AppError("NOT_FOUND", { reason: "REQUEST" });
  if (request.type !== "SHINE_THE_LIGHT") throw new AppError("INVALID_STATE", { reason: "WRONG_COMPLETION" });
  const year = request.createdAt.getUTCFullYear() - 1;
  const recipients = await findMarketingRecipients(year);
  const coverText = cover?.trim() || defaultStlCover(year);
  return { year, recipients, cover: coverText, text: renderStlNotice({ year, cover: coverText, recipients }) };
}

/** Sends the notice (stored on the request) and completes it. */
export async function sendShineTheLight(options: { admin: Viewer; id: string; cover: string; ip?: string | null }) {
  assertAdmin(options.admin);
  const preview = await previewShineTheLight({ admin: options.admin, id: options.id, cover: options.cover });
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "PrivacyRequest" WHERE id = ${options.id} FOR UPDATE`;
    if (!rows[0]) throw new AppError("NOT_FOUND", { reason: "REQUEST" });
    const request = await tx.privacyRequest.findUniqueOrThrow({ where: { id: options.id } });
    if (!request.isOpen) throw new AppError("INVALID_STATE", { reason: "REQUEST_CLOSED" });
    if (!request.verifiedAt) throw new AppError("INVALID_STATE", { reason: "NOT_VERIFIED" });
    await applyStep(tx, request, {
      status: "COMPLETED",
      note: preview.text,
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.stl.sent",
      ip: options.ip,
      data: { stlNotice: preview.text, stlYear: preview.year, resolution: preview.text },
    });
  });
  await notifyPerson(options.id, "COMPLETED", preview.text);
}
