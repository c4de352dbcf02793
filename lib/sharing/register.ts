// The sharing register: who personal data goes to, for what, since when.
// Admin-only writes; every change is audited in the same transaction.
import "server-only";
import { z } from "zod";
import { checkbox, day } from "../validation/form";
import { assertAdmin, type Viewer } from "../auth/viewer";
import { prisma } from "../db";
import { recordAudit } from "../audit/record";
import { now } from "../clock";

export const PARTY_KINDS = ["AFFILIATE", "AGENT", "PROCESSOR", "THIRD_PARTY"] as const;

export const sharingEntrySchema = z.object({
  name: z.string().trim().min(2, "Enter the party's name.").max(200),
  address: z.string().trim().min(5, "Enter a postal address.").max(500),
  kind: z.enum(PARTY_KINDS, { message: "Choose the kind of party." }),
  dataCategories: z
    .string()
    .trim()
    .min(1, "List at least one data category.")
    .transform((value) => value.split(",").map((item) => item.trim()).filter(Boolean)),
  purpose: z.string().trim().min(3, "Describe the purpose.").max(1000),
  isMarketing: checkbox(),
  startsOn: day("Enter the date sharing started."),
});
export type SharingEntryInput = z.infer<typeof sharingEntrySchema>;

export async function listSharingRegister() {
  return prisma.sharingRegisterEntry.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: { id: true, name: true, address: true, kind: true, dataCategories: true, purpose: true, isMarketing: true, startsOn: true, endsOn: true },
  });
}

/** Entries in force now (no end date, or one still ahead). */
export async function findActiveSharingEntries() {
  const at = await now();
  return prisma.sharingRegisterEntry.findMany({
    where: { OR: [{ endsOn: null }, { endsOn: { gt: at } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, purpose: true, dataCategories: true, isMarketing: true, startsOn: true },
  });
}

export async function createSharingEntry(options: { admin: Viewer; input: SharingEntryInput }) {
  const { admin, input } = options;
  assertAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const entry = await tx.sharingRegisterEntry.create({ data: input, select: { id: true } });
    await recordAudit({ action: "sharing.create", actorId: admin.userId, targetType: "SharingRegisterEntry", targetId: entry.id, metadata: { name: input.name } }, tx);
    return entry;
  });
}
