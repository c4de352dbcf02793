// Breach notices: the privacy team composes a notice (a DRAFT breach), chooses
// who is affected, previews the email, the portal banner and the number of
// recipients, and sends it through the notice fan-out (lib/notices/: one
// delivery per person, retries, pause/resume, progress). Each person sees the
// notice in their portal until they acknowledge it (person.ts). The discovery
// date and each delivery's sentAt give the time to notify (California: 30 days).
import "server-only";
import { recordAudit } from "../audit/record";
import { assertAdmin, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { getPool, prisma } from "../core/db";
import { renderEmail } from "../email/send";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { log } from "../core/log";
import { breachRecipientsSql, breachAudienceOf, type BreachAudience } from "../notices/audience";
import {
  createBreachCampaign,
  getCampaignProgress,
  kickNoticeCampaign,
  type CampaignProgress,
} from "../notices/campaign";
import { BREACH_CONTENT_SELECT, breachEmailElement, breachSubject, type BreachContent } from "./content";
import { NOTIFY_WITHIN_DAYS, type BreachInput } from "./schema";

const DAY_MS = 86_400_000;

function toRow(input: BreachInput) {
  return {
    title: input.title,
    whatHappened: input.whatHappened,
    occurredFrom: input.occurredFrom,
    occurredTo: input.occurredTo ?? null,
    discoveredAt: input.discoveredAt,
    dataInvolved: input.dataInvolved,
    whatWeDid: input.whatWeDid,
    whatToDo: input.whatToDo,
    contact: input.contact,
    audience: input.audience,
    audienceEmails: input.audience === "LIST" ? input.emails : [],
    audienceCategories: input.audience === "CATEGORIES" ? input.categories : [],
    audienceFrom: input.audience === "CATEGORIES" ? (input.audienceFrom ?? null) : null,
    audienceTo: input.audience === "CATEGORIES" ? (input.audienceTo ?? null) : null,
  };
}

async function checkDates(input: BreachInput) {
  const today = await now();
  // A date typed as YYYY-MM-DD is midnight UTC; "today" is allowed.
  if (input.discoveredAt.getTime() > today.getTime())
    throw new AppError("VALIDATION", { reason: "BREACH_DISCOVERED_FUTURE", field: "discoveredAt" });
  if (input.occurredFrom.getTime() > today.getTime())
    throw new AppError("VALIDATION", { reason: "BREACH_OCCURRED_FUTURE", field: "occurredFrom" });
}

/** Creates a draft, or changes one (a sent notice cannot change). */
export async function saveBreachDraft(options: {
  admin: Viewer;
  id?: string;
  input: BreachInput;
  ip?: string;
}): Promise<{ id: string }> {
  const { admin, input } = options;
  assertAdmin(admin);
  await checkDates(input);
  return prisma.$transaction(async (tx) => {
    if (options.id) {
      const updated = await tx.breach.updateMany({ where: { id: options.id, status: "DRAFT" }, data: toRow(input) });
      if (updated.count === 0) {
        const exists = await tx.breach.findUnique({ where: { id: options.id }, select: { id: true } });
        throw exists
          ? new AppError("INVALID_STATE", { reason: "BREACH_SENT" })
          : new AppError("NOT_FOUND", { reason: "BREACH" });
      }
      await recordAudit(
        {
          action: "breach.update",
          actorId: admin.userId,
          targetType: "Breach",
          targetId: options.id,
          ip: options.ip,
          metadata: { audience: input.audience },
        },
        tx,
      );
      return { id: options.id };
    }
    const breach = await tx.breach.create({
      data: { ...toRow(input), createdById: admin.userId },
      select: { id: true },
    });
    await recordAudit(
      {
        action: "breach.create",
        actorId: admin.userId,
        targetType: "Breach",
        targetId: breach.id,
        ip: options.ip,
        metadata: { audience: input.audience },
      },
      tx,
    );
    return breach;
  });
}

export type BreachSummary = {
  id: string;
  title: string;
  status: "DRAFT" | "SENT";
  discoveredAt: Date;
  sentAt: Date | null;
  recipients: number;
  notified: number;
  pending: number;
  failed: number;
  acknowledged: number;
  /** Deliveries sent more than NOTIFY_WITHIN_DAYS after discovery. */
  late: number;
  lastNotifiedAt: Date | null;
  /** Days from discovery to the last notice sent (or to now while any is outstanding). */
  daysToNotify: number;
  /** Whether notifying is done (nothing queued). */
  complete: boolean;
  /** More than NOTIFY_WITHIN_DAYS (California). */
  overLimit: boolean;
};

type SummaryRow = {
  id: string;
  title: string;
  status: "DRAFT" | "SENT";
  discoveredAt: Date;
  sentAt: Date | null;
  total: number | null;
  sent: number | null;
  pending: number | null;
  failed: number | null;
  acknowledged: number | null;
  late: number | null;
  lastSentAt: Date | null;
};

const SUMMARY_SQL = `
  SELECT b.id, b.title, b.status::text AS status, b."discoveredAt", b."sentAt",
         s.total, s.sent, s.pending, s.failed, s.acknowledged, s.late, s."lastSentAt"
    FROM "Breach" b
    LEFT JOIN "NoticeCampaign" c ON c."breachId" = b.id
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE d.status = 'SENT')::int AS sent,
             count(*) FILTER (WHERE d.status IN ('QUEUED', 'SENDING'))::int AS pending,
             count(*) FILTER (WHERE d.status = 'FAILED')::int AS failed,
             count(*) FILTER (WHERE d."acknowledgedAt" IS NOT NULL)::int AS acknowledged,
             count(*) FILTER (WHERE d.status = 'SENT' AND d."sentAt" > b."discoveredAt" + make_interval(days => ${NOTIFY_WITHIN_DAYS}))::int AS late,
             max(d."sentAt") AS "lastSentAt"
        FROM "NoticeDelivery" d WHERE d."campaignId" = c.id
    ) s ON true`;

function toSummary(row: SummaryRow, at: Date): BreachSummary {
  const pending = row.pending ?? 0;
  const complete = row.status === "SENT" && pending === 0 && row.total !== null;
  const end = complete && row.lastSentAt ? row.lastSentAt : at;
  const daysToNotify = Math.max(0, Math.floor((end.getTime() - row.discoveredAt.getTime()) / DAY_MS));
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    discoveredAt: row.discoveredAt,
    sentAt: row.sentAt,
    recipients: row.total ?? 0,
    notified: row.sent ?? 0,
    pending,
    failed: row.failed ?? 0,
    acknowledged: row.acknowledged ?? 0,
    late: row.late ?? 0,
    lastNotifiedAt: row.lastSentAt,
    daysToNotify,
    complete,
    overLimit: daysToNotify > NOTIFY_WITHIN_DAYS || (row.late ?? 0) > 0,
  };
}

export async function listBreaches({ admin, take = 100 }: { admin: Viewer; take?: number }): Promise<BreachSummary[]> {
  assertAdmin(admin);
  const at = await now();
  const { rows } = await getPool().query<SummaryRow>(`${SUMMARY_SQL} ORDER BY b."discoveredAt" DESC, b.id LIMIT $1`, [
    take,
  ]);
  return rows.map((row) => toSummary(row, at));
}

export type BreachDetail = BreachContent & {
  status: "DRAFT" | "SENT";
  audience: BreachAudience;
  summary: BreachSummary;
  campaign: CampaignProgress | null;
  createdAt: Date;
};

export async function getBreach({ admin, id }: { admin: Viewer; id: string }): Promise<BreachDetail | null> {
  assertAdmin(admin);
  const breach = await prisma.breach.findUnique({
    where: { id },
    select: {
      ...BREACH_CONTENT_SELECT,
      status: true,
      audience: true,
      audienceEmails: true,
      audienceCategories: true,
      audienceFrom: true,
      audienceTo: true,
      createdAt: true,
      campaign: { select: { id: true } },
    },
  });
  if (!breach) return null;
  const at = await now();
  const { rows } = await getPool().query<SummaryRow>(`${SUMMARY_SQL} WHERE b.id = $1`, [id]);
  const campaign = breach.campaign ? await getCampaignProgress({ admin, campaignId: breach.campaign.id }) : null;
  return { ...breach, audience: breachAudienceOf(breach), summary: toSummary(rows[0], at), campaign };
}

/** Who a draft would reach: the count (the same SQL that creates the deliveries) and listed addresses with no account. */
export async function previewBreachAudience({
  admin,
  audience,
}: {
  admin: Viewer;
  audience: BreachAudience;
}): Promise<{ count: number; unmatched: string[] }> {
  assertAdmin(admin);
  const recipients = breachRecipientsSql(audience);
  const { rows } = await getPool().query<{ count: number }>(
    `SELECT count(*)::int AS count FROM ${recipients.from}`,
    recipients.params,
  );
  let unmatched: string[] = [];
  if (audience.kind === "LIST") {
    const missing = await getPool().query<{ email: string }>(
      `SELECT e AS email FROM unnest($1::text[]) e WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE lower(u.email) = e) ORDER BY e`,
      [audience.emails.map((email) => email.toLowerCase())],
    );
    unmatched = missing.rows.map((row) => row.email);
  }
  return { count: rows[0].count, unmatched };
}

/** The email exactly as recipients get it (with a sample greeting). */
export async function renderBreachEmailPreview({
  admin,
  content,
}: {
  admin: Viewer;
  content: BreachContent;
}): Promise<{ subject: string; html: string; text: string }> {
  assertAdmin(admin);
  const { html, text } = await renderEmail(
    breachEmailElement(content, { appUrl: env().APP_URL, companyName: env().COMPANY_NAME }, "Hello Alex Example,"),
  );
  return { subject: breachSubject(content), html, text };
}

/** Sends the notice: the breach becomes SENT (immutable) and its campaign starts. */
export async function sendBreachNotice(options: {
  admin: Viewer;
  id: string;
  expectedRecipients: number;
  ip?: string;
}): Promise<{ campaignId: string; recipients: number }> {
  const { admin } = options;
  assertAdmin(admin);
  const at = await now();
  const result = await prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status::text AS status FROM "Breach" WHERE id = ${options.id} FOR UPDATE`;
    if (!locked[0]) throw new AppError("NOT_FOUND", { reason: "BREACH" });
    if (locked[0].status !== "DRAFT") throw new AppError("INVALID_STATE", { reason: "BREACH_SENT" });
    const breach = await tx.breach.findUniqueOrThrow({
      where: { id: options.id },
      select: { audience: true, audienceEmails: true, audienceCategories: true, audienceFrom: true, audienceTo: true },
    });
    const recipients = breachRecipientsSql(breachAudienceOf(breach));
    const counted = await tx.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${recipients.from}`,
      ...recipients.params,
    );
    const count = counted[0].count;
    if (count === 0) throw new AppError("INVALID_STATE", { reason: "BREACH_NO_RECIPIENTS" });
    // The admin confirmed a number; if the audience changed since the preview, they look again.
    if (count !== options.expectedRecipients)
      throw new AppError("CONFLICT", { reason: "BREACH_RECIPIENTS_CHANGED", params: { count } });
    await tx.breach.update({ where: { id: options.id }, data: { status: "SENT", sentAt: at } });
    const campaign = await createBreachCampaign(tx, { breachId: options.id, createdById: admin.userId });
    await recordAudit(
      {
        action: "breach.send",
        actorId: admin.userId,
        targetType: "Breach",
        targetId: options.id,
        ip: options.ip,
        metadata: { campaignId: campaign.id, recipients: count },
      },
      tx,
    );
    return { campaignId: campaign.id, recipients: count };
  });
  await kickNoticeCampaign(result.campaignId).catch((error) =>
    log.error("breach notice could not be started; the sweep retries", { error }),
  );
  return result;
}

export type RecipientRow = {
  email: string;
  status: string;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  days: number | null;
};

/** Each recipient's notification time (first `take`, latest first). */
export async function listBreachRecipients({
  admin,
  id,
  take = 100,
}: {
  admin: Viewer;
  id: string;
  take?: number;
}): Promise<RecipientRow[]> {
  assertAdmin(admin);
  const { rows } = await getPool().query<RecipientRow>(
    `SELECT d.email, d.status::text AS status, d."sentAt", d."acknowledgedAt",
            CASE WHEN d."sentAt" IS NULL THEN NULL ELSE floor(extract(epoch FROM d."sentAt" - b."discoveredAt") / 86400)::int END AS days
       FROM "NoticeDelivery" d JOIN "NoticeCampaign" c ON c.id = d."campaignId" JOIN "Breach" b ON b.id = c."breachId"
      WHERE b.id = $1
      ORDER BY d."sentAt" DESC NULLS FIRST, d.email
      LIMIT $2`,
    [id, take],
  );
  return rows;
}
