// The sharing register: who personal data goes to, for what, since when.
// Admin-only writes; every change is audited in the same transaction.
import "server-only";
import { assertAdmin, type Viewer } from "../core/viewer";
import { prisma } from "../core/db";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import type { SharingEntryInput } from "./schema";

export { PARTY_KINDS } from "./schema";

export async function listSharingRegister() {
  return prisma.sharingRegisterEntry.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      address: true,
      kind: true,
      dataCategories: true,
      purpose: true,
      isMarketing: true,
      startsOn: true,
      endsOn: true,
    },
  });
}

/** Entries in force now (no end date, or one still ahead). */
export async function findActiveSharingEntries() {
  const at = await now();
  return prisma.sharingRegisterEntry.findMany({
    where: { OR: [{ endsOn: null }, { endsOn: { gt: at } }] },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      purpose: true,
      dataCategories: true,
      isMarketing: true,
      startsOn: true,
    },
  });
}

export async function createSharingEntry(options: { admin: Viewer; input: SharingEntryInput }) {
  const { admin, input } = options;
  assertAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const entry = await tx.sharingRegisterEntry.create({ data: input, select: { id: true } });
    await recordAudit(
      {
        action: "sharing.create",
        actorId: admin.userId,
        targetType: "SharingRegisterEntry",
        targetId: entry.id,
        metadata: { name: input.name },
      },
      tx,
    );
    return entry;
  });
}
