// Public, read-only views of published policy versions.
import { prisma } from "../db";

export async function findCurrentPolicy(slug: string, at = new Date()) {
  const document = await prisma.policyDocument.findUnique({ where: { slug }, select: { id: true, slug: true, title: true } });
  if (!document) return null;
  const [current, upcoming] = await Promise.all([
    prisma.policyVersion.findFirst({
      where: { documentId: document.id, status: "PUBLISHED", effectiveAt: { lte: at } },
      orderBy: { effectiveAt: "desc" },
      select: { version: true, markdown: true, effectiveAt: true, summary: true },
    }),
    prisma.policyVersion.findFirst({
      where: { documentId: document.id, status: "PUBLISHED", effectiveAt: { gt: at } },
      orderBy: { effectiveAt: "asc" },
      select: { version: true, effectiveAt: true, summary: true },
    }),
  ]);
  return { document, current, upcoming };
}

export async function findPublishedVersion(slug: string, version: number) {
  return prisma.policyVersion.findFirst({
    where: { document: { slug }, version, status: "PUBLISHED" },
    select: { version: true, markdown: true, effectiveAt: true, summary: true, document: { select: { title: true, slug: true } } },
  });
}
