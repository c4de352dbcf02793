// Public, read-only views of published policy versions. Which version is
// current is computed from the clock at request time, so a scheduled version
// becomes current at its effective date with nobody acting.
import "server-only";
import { prisma } from "../core/db";
import { now } from "../core/clock";
import { diffPolicyText } from "./diff";
import { effectiveBy, NEWEST_EFFECTIVE_FIRST, versionState } from "./in-force";

export type { VersionState } from "./in-force";

export async function findCurrentPolicy(slug: string, at?: Date) {
  const when = at ?? (await now());
  const document = await prisma.policyDocument.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true },
  });
  if (!document) return null;
  const [current, upcoming] = await Promise.all([
    prisma.policyVersion.findFirst({
      where: { documentId: document.id, ...effectiveBy(when) },
      orderBy: NEWEST_EFFECTIVE_FIRST,
      select: { version: true, markdown: true, effectiveAt: true, summary: true },
    }),
    prisma.policyVersion.findFirst({
      where: { documentId: document.id, status: "PUBLISHED", effectiveAt: { gt: when } },
      orderBy: { effectiveAt: "asc" },
      select: { version: true, effectiveAt: true, summary: true },
    }),
  ]);
  return { document, current, upcoming };
}

export async function listPublicPolicyDocuments() {
  const at = await now();
  const documents = await prisma.policyDocument.findMany({
    where: { versions: { some: effectiveBy(at) } },
    orderBy: { createdAt: "asc" },
    select: { slug: true, title: true },
  });
  return documents;
}

/** Every published version, newest first, with its state at this moment. */
export async function listPolicyArchive(slug: string) {
  const at = await now();
  const document = await prisma.policyDocument.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      versions: {
        where: { status: "PUBLISHED" },
        orderBy: { effectiveAt: "desc" },
        select: { version: true, summary: true, effectiveAt: true, publishedAt: true, isSubstantive: true },
      },
    },
  });
  if (!document) return null;
  const currentVersion = document.versions.find((v) => v.effectiveAt && v.effectiveAt <= at)?.version ?? null;
  return {
    document: { slug: document.slug, title: document.title },
    versions: document.versions.map((v, index) => ({
      ...v,
      state: versionState(v, currentVersion, at),
      hasPrevious: index < document.versions.length - 1,
    })),
  };
}

export async function findPublishedVersion(slug: string, version: number) {
  const found = await prisma.policyVersion.findFirst({
    where: { document: { slug }, version, status: "PUBLISHED" },
    select: {
      id: true,
      version: true,
      markdown: true,
      effectiveAt: true,
      summary: true,
      isSubstantive: true,
      documentId: true,
      document: { select: { title: true, slug: true } },
    },
  });
  if (!found) return null;
  const at = await now();
  const current = await prisma.policyVersion.findFirst({
    where: { documentId: found.documentId, ...effectiveBy(at) },
    orderBy: NEWEST_EFFECTIVE_FIRST,
    select: { version: true },
  });
  return { ...found, state: versionState(found, current?.version, at) };
}

/** The version and its predecessor (by effective date), with a word diff. */
export async function findVersionChanges(slug: string, version: number) {
  const target = await findPublishedVersion(slug, version);
  if (!target) return null;
  const previous = await prisma.policyVersion.findFirst({
    where: {
      documentId: target.documentId,
      status: "PUBLISHED",
      effectiveAt: { lt: target.effectiveAt ?? new Date(0) },
    },
    orderBy: { effectiveAt: "desc" },
    select: { version: true, markdown: true, effectiveAt: true },
  });
  const diff = diffPolicyText(previous?.markdown ?? "", target.markdown);
  return { target, previous: previous ? { version: previous.version, effectiveAt: previous.effectiveAt } : null, diff };
}
