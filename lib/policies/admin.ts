// The privacy team's policy workflow: documents, one draft per document,
// publish (immutable afterwards), each write audited in the same transaction.
import "server-only";
import type { z } from "zod";
import { prisma } from "../core/db";
import type { Prisma } from "../generated/prisma/client";
import { env } from "../core/env";
import { now } from "../core/clock";
import { log } from "../core/log";
import { recordAudit } from "../audit/record";
import { createNoticeCampaign, kickNoticeCampaign } from "../notices/campaign";
import { renderEmail, sendEmail } from "../email/send";
import { AppError } from "../core/errors";
import { assertAdmin, type Viewer } from "../core/viewer";
import { effectiveBy, NEWEST_EFFECTIVE_FIRST } from "./in-force";
import { policyNoticeEmail, type PolicyNoticeFacts } from "./notice";
import type { DraftInput, documentInputSchema } from "./schema";

const DAY_MS = 86_400_000;

export async function listPolicyDocuments({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const at = await now();
  const documents = await prisma.policyDocument.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      versions: {
        orderBy: { version: "desc" },
        select: { id: true, version: true, status: true, effectiveAt: true, isSubstantive: true },
      },
    },
  });
  return documents.map((document) => {
    const published = document.versions.filter((v) => v.status === "PUBLISHED" && v.effectiveAt);
    const current =
      published.filter((v) => v.effectiveAt! <= at).sort((a, b) => +b.effectiveAt! - +a.effectiveAt!)[0] ?? null;
    const upcoming =
      published.filter((v) => v.effectiveAt! > at).sort((a, b) => +a.effectiveAt! - +b.effectiveAt!)[0] ?? null;
    const draft = document.versions.find((v) => v.status === "DRAFT") ?? null;
    return {
      id: document.id,
      slug: document.slug,
      title: document.title,
      current,
      upcoming,
      draft,
      versionCount: document.versions.length,
    };
  });
}

export async function getPolicyDocumentForAdmin({ admin, slug }: { admin: Viewer; slug: string }) {
  assertAdmin(admin);
  const document = await prisma.policyDocument.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      versions: {
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          status: true,
          summary: true,
          isSubstantive: true,
          effectiveAt: true,
          publishedAt: true,
          overrideReason: true,
          noticeCampaign: { select: { id: true, status: true, audience: true } },
        },
      },
    },
  });
  if (!document) return null;
  return { ...document, at: await now() };
}

export async function getDraftForEditing({
  admin,
  slug,
  versionNumber,
}: {
  admin: Viewer;
  slug: string;
  versionNumber: number;
}) {
  assertAdmin(admin);
  const version = await prisma.policyVersion.findFirst({
    where: { document: { slug }, version: versionNumber },
    select: {
      id: true,
      version: true,
      status: true,
      markdown: true,
      summary: true,
      isSubstantive: true,
      effectiveAt: true,
      overrideReason: true,
      document: { select: { id: true, slug: true, title: true } },
    },
  });
  if (!version) return null;
  const at = await now();
  const live = await prisma.policyVersion.findFirst({
    where: { documentId: version.document.id, ...effectiveBy(at) },
    orderBy: NEWEST_EFFECTIVE_FIRST,
    select: { version: true, markdown: true, effectiveAt: true },
  });
  return { version, live, at };
}

export async function createPolicyDocument(options: { admin: Viewer; input: z.infer<typeof documentInputSchema> }) {
  assertAdmin(options.admin);
  const { admin, input } = options;
  const existing = await prisma.policyDocument.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", { reason: "SLUG_TAKEN", field: "slug" });
  return prisma.$transaction(async (tx) => {
    const document = await tx.policyDocument.create({
      data: { slug: input.slug, title: input.title },
      select: { id: true, slug: true },
    });
    await recordAudit(
      {
        action: "policy.document.create",
        actorId: admin.userId,
        targetType: "PolicyDocument",
        targetId: document.id,
        metadata: { slug: input.slug },
      },
      tx,
    );
    return document;
  });
}

/** Starts the document's single draft, seeded with the newest published text. */
export async function createPolicyDraft(options: { admin: Viewer; slug: string }) {
  assertAdmin(options.admin);
  const document = await prisma.policyDocument.findUnique({ where: { slug: options.slug }, select: { id: true } });
  if (!document) throw new AppError("NOT_FOUND", { reason: "POLICY_DOCUMENT" });
  return prisma.$transaction(async (tx) => {
    const versions = await tx.policyVersion.findMany({
      where: { documentId: document.id },
      orderBy: { version: "desc" },
      select: { version: true, status: true, markdown: true },
    });
    if (versions.some((v) => v.status === "DRAFT")) throw new AppError("CONFLICT", { reason: "DRAFT_EXISTS" });
    const base = versions.find((v) => v.status === "PUBLISHED");
    const draft = await tx.policyVersion.create({
      data: {
        documentId: document.id,
        version: (versions[0]?.version ?? 0) + 1,
        status: "DRAFT",
        markdown: base?.markdown ?? "# Title\n\nWrite the policy here.",
        createdById: options.admin.userId,
      },
      select: { id: true, version: true },
    });
    await recordAudit(
      {
        action: "policy.draft.create",
        actorId: options.admin.userId,
        targetType: "PolicyVersion",
        targetId: draft.id,
        metadata: { slug: options.slug, version: draft.version },
      },
      tx,
    );
    return draft;
  });
}

/**
 * Locks a version row for the rest of the transaction and checks it is still a draft,
 * so a concurrent publish cannot slip between the check and the write.
 */
async function lockDraft(tx: Prisma.TransactionClient, versionId: string) {
  const rows = await tx.$queryRaw<
    { status: string }[]
  >`SELECT status::text FROM "PolicyVersion" WHERE id = ${versionId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", { reason: "POLICY_DRAFT" });
  if (rows[0].status !== "DRAFT") throw new AppError("INVALID_STATE", { reason: "PUBLISHED" });
}

function effectiveDateFrom(input: DraftInput): Date | null {
  return input.effectiveOn ? new Date(`${input.effectiveOn}T00:00:00Z`) : null;
}

export async function updatePolicyDraft(options: { admin: Viewer; versionId: string; input: DraftInput }) {
  assertAdmin(options.admin);
  const { admin, versionId, input } = options;
  return prisma.$transaction(async (tx) => {
    await lockDraft(tx, versionId);
    await tx.policyVersion.update({
      where: { id: versionId },
      data: {
        markdown: input.markdown,
        summary: input.summary,
        isSubstantive: input.isSubstantive,
        effectiveAt: effectiveDateFrom(input),
        overrideReason: input.overrideReason || null,
      },
    });
    await recordAudit(
      {
        action: "policy.draft.update",
        actorId: admin.userId,
        targetType: "PolicyVersion",
        targetId: versionId,
        metadata: { isSubstantive: input.isSubstantive, effectiveOn: input.effectiveOn || null },
      },
      tx,
    );
  });
}

export async function discardPolicyDraft(options: { admin: Viewer; versionId: string }) {
  assertAdmin(options.admin);
  return prisma.$transaction(async (tx) => {
    await lockDraft(tx, options.versionId);
    await tx.policyVersion.delete({ where: { id: options.versionId } });
    await recordAudit(
      {
        action: "policy.draft.discard",
        actorId: options.admin.userId,
        targetType: "PolicyVersion",
        targetId: options.versionId,
      },
      tx,
    );
  });
}

/** Checks the publishing rules; returns the effective date. */
export function validatePublication(
  input: { summary: string; isSubstantive: boolean; effectiveAt: Date | null; overrideReason: string | null },
  at: Date,
  latestEffectiveAt: Date | null,
  minDays: number,
): Date {
  if (!input.summary.trim()) throw new AppError("VALIDATION", { reason: "SUMMARY_REQUIRED", field: "summary" });
  if (!input.effectiveAt) throw new AppError("VALIDATION", { reason: "EFFECTIVE_DATE_REQUIRED", field: "effectiveOn" });
  if (input.effectiveAt.getTime() <= at.getTime())
    throw new AppError("VALIDATION", { reason: "EFFECTIVE_DATE_PAST", field: "effectiveOn" });
  if (latestEffectiveAt && input.effectiveAt.getTime() <= latestEffectiveAt.getTime()) {
    throw new AppError("VALIDATION", { reason: "EFFECTIVE_DATE_BEFORE_LIVE", field: "effectiveOn" });
  }
  if (
    input.isSubstantive &&
    input.effectiveAt.getTime() < at.getTime() + minDays * DAY_MS &&
    (input.overrideReason ?? "").trim().length < 10
  ) {
    throw new AppError("VALIDATION", {
      reason: "OVERRIDE_REASON_REQUIRED",
      field: "overrideReason",
      params: { minDays },
    });
  }
  return input.effectiveAt;
}

/** Publishes the saved draft; creates the notice campaign in the same transaction (outbox). */
export async function publishPolicyDraft(options: { admin: Viewer; versionId: string }) {
  assertAdmin(options.admin);
  const { admin, versionId } = options;
  const at = await now();
  const result = await prisma.$transaction(async (tx) => {
    await lockDraft(tx, versionId);
    const draft = await tx.policyVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: {
        id: true,
        version: true,
        documentId: true,
        summary: true,
        isSubstantive: true,
        effectiveAt: true,
        overrideReason: true,
        document: { select: { slug: true } },
      },
    });
    const latest = await tx.policyVersion.findFirst({
      where: { documentId: draft.documentId, status: "PUBLISHED" },
      orderBy: { effectiveAt: "desc" },
      select: { effectiveAt: true },
    });
    const effectiveAt = validatePublication(draft, at, latest?.effectiveAt ?? null, env().POLICY_MIN_NOTICE_DAYS);
    const overrideUsed =
      draft.isSubstantive && effectiveAt.getTime() < at.getTime() + env().POLICY_MIN_NOTICE_DAYS * DAY_MS;
    await tx.policyVersion.update({
      where: { id: versionId },
      data: { status: "PUBLISHED", publishedAt: at, overrideReason: overrideUsed ? draft.overrideReason : null },
    });
    const campaign = await createNoticeCampaign(tx, {
      policyVersionId: versionId,
      audience: draft.isSubstantive ? "ALL" : "MINOR_OPT_IN",
      createdById: admin.userId,
    });
    await recordAudit(
      {
        action: "policy.publish",
        actorId: admin.userId,
        targetType: "PolicyVersion",
        targetId: versionId,
        metadata: {
          slug: draft.document.slug,
          version: draft.version,
          isSubstantive: draft.isSubstantive,
          effectiveAt: effectiveAt.toISOString(),
          overrideReason: overrideUsed ? draft.overrideReason : null,
          campaignId: campaign.id,
        },
      },
      tx,
    );
    return {
      slug: draft.document.slug,
      version: draft.version,
      campaignId: campaign.id,
      isSubstantive: draft.isSubstantive,
    };
  });
  // After commit; if this fails the sweep job starts the campaign within a minute.
  await kickNoticeCampaign(result.campaignId).catch((error) =>
    log.error("notice campaign could not be started; the sweep retries", { error }),
  );
  return result;
}

/** Whom the notice of a version goes to when it is published as saved: every account, or those who asked for minor-change notices. */
async function countNoticeRecipients(isSubstantive: boolean): Promise<number> {
  return isSubstantive
    ? prisma.user.count()
    : prisma.user.count({ where: { policyNoticePreference: { is: { minorChanges: true } } } });
}

async function findNoticeFacts(versionId: string): Promise<PolicyNoticeFacts> {
  const v = await prisma.policyVersion.findUnique({
    where: { id: versionId },
    select: {
      version: true,
      summary: true,
      effectiveAt: true,
      isSubstantive: true,
      document: { select: { slug: true, title: true } },
    },
  });
  if (!v) throw new AppError("NOT_FOUND", { reason: "POLICY_DRAFT" });
  return { ...v, slug: v.document.slug, title: v.document.title };
}

/** Before publishing: how many people the notice goes to, and the email as they get it (with a sample greeting). */
export async function getPolicyNoticePreview({ admin, versionId }: { admin: Viewer; versionId: string }) {
  assertAdmin(admin);
  const facts = await findNoticeFacts(versionId);
  const settings = { appUrl: env().APP_URL, companyName: env().COMPANY_NAME, greeting: "Hello Alex Example," };
  const { subject, template } = policyNoticeEmail(facts, settings);
  const [recipients, { text }] = await Promise.all([countNoticeRecipients(facts.isSubstantive), renderEmail(template)]);
  return { recipients, subject, text, isSubstantive: facts.isSubstantive };
}

/** Sends the notice of the saved draft to the admin alone, marked as a test. */
export async function sendPolicyTestNotice({ admin, versionId }: { admin: Viewer; versionId: string }) {
  assertAdmin(admin);
  const facts = await findNoticeFacts(versionId);
  const greeting = admin.name ? `Hello ${admin.name},` : "Hello,";
  const { subject, template } = policyNoticeEmail(facts, {
    appUrl: env().APP_URL,
    companyName: env().COMPANY_NAME,
    greeting,
  });
  await sendEmail({ to: admin.email, subject: `[Test] ${subject}`, template });
  await recordAudit({
    action: "policy.notice.test",
    actorId: admin.userId,
    targetType: "PolicyVersion",
    targetId: versionId,
    metadata: { version: facts.version },
  });
  return { to: admin.email };
}
