// Sends a campaign's deliveries. Claim pattern: rows move QUEUED -> SENDING
// with a lease (FOR UPDATE SKIP LOCKED, so several workers share the work);
// a worker that dies leaves its leases to expire and another worker re-claims
// them. Every message carries Message-ID <notice-DELIVERYID@domain>, so a resend
// after a crash (accepted by the server but not yet recorded) is the same
// message and receiving systems drop it as a duplicate.
import "server-only";
import type pg from "pg";
import type { NoticeTransport } from "./transport";
import { compileNoticeMessage, type CompiledNotice } from "./message";
import { noticeGreeting, renderCampaignNotice, type NoticeRenderers, type RenderedNotice } from "./render";

export type SenderSettings = {
  appUrl: string;
  companyName: string;
  mailFrom: string;
  batchSize: number;
  concurrency: number;
  leaseSeconds: number;
  retryBaseSeconds: number;
  maxAttempts: number;
  /** A send that has not called back by then counts as a temporary failure (and the pool is replaced). */
  sendTimeoutMs: number;
};

export type SliceResult = {
  sent: number;
  failed: number;
  retried: number;
  done: boolean;
  stoppedBecause: "done" | "deadline" | "paused" | "missing";
};

type Claimed = { id: string; email: string; attempts: number; name: string | null };
type Outcome =
  | { id: string; kind: "sent" }
  | { id: string; kind: "retry" | "failed"; code: number | null; error: string; attempts: number };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("SMTP send timed out"), { code: "ETIMEDOUT" })), ms);
    }),
  ]);
}

/**
 * Messages in flight per pooled SMTP connection, for every slice this process
 * runs together: enough that no connection idles between one reply and the next
 * sendMail call, few enough that the worker's memory does not grow with the
 * number of slices (each message being built or sent holds its MIME tree).
 */
const IN_FLIGHT_PER_CONNECTION = 4;
type SendGate = { active: number; waiting: (() => void)[] };
const sendGates = new WeakMap<NoticeTransport, SendGate>();

async function withSendSlot<T>(transport: NoticeTransport, limit: number, work: () => Promise<T>): Promise<T> {
  let gate = sendGates.get(transport);
  if (!gate) sendGates.set(transport, (gate = { active: 0, waiting: [] }));
  if (gate.active >= limit) await new Promise<void>((resolve) => gate.waiting.push(resolve));
  else gate.active += 1;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter (active stays the same), or free it.
    const next = gate.waiting.shift();
    if (next) next();
    else gate.active -= 1;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
type PreparedNotice = { rendered: RenderedNotice; compiled: CompiledNotice };
/** Each campaign's notice, rendered and compiled once per process (the few most recent campaigns). */
const preparedNotices = new Map<string, Promise<PreparedNotice>>();
const PREPARED_NOTICES_KEPT = 8;

function prepareNotice(
  pool: pg.Pool,
  campaignId: string,
  settings: SenderSettings,
  renderers: NoticeRenderers,
): Promise<PreparedNotice> {
  let prepared = preparedNotices.get(campaignId);
  if (!prepared) {
    prepared = renderCampaignNotice(pool, campaignId, settings, renderers).then((rendered) => ({
      rendered,
      compiled: compileNoticeMessage(rendered, { mailFrom: settings.mailFrom }),
    }));
    preparedNotices.set(campaignId, prepared);
    prepared.catch(() => preparedNotices.delete(campaignId));
    for (const key of preparedNotices.keys()) {
      if (preparedNotices.size <= PREPARED_NOTICES_KEPT) break;
      preparedNotices.delete(key);
    }
  }
  return prepared;
}

/**
 * Claims up to $2 deliveries of campaign $1 for $3 seconds: expired leases (a
 * worker died mid-send) first, then due QUEUED rows in "nextAttemptAt" order.
 * Each part walks the ("campaignId", status, "nextAttemptAt") index and stops
 * at the limit; one OR over both states made PostgreSQL read and sort every
 * waiting row of the campaign on each claim (O(recipients) per batch, 23 ms at
 * 15,000 rows). The CTEs are read lazily, so the second locks only what the
 * first left of the limit. SKIP LOCKED keeps concurrent claimers disjoint. The
 * update finds the picked rows by primary key (= ANY(ARRAY(...))) and each
 * name by the user's key: a join let the planner hash the whole table.
 */
export const CLAIM_SQL = `WITH expired AS (
     SELECT id FROM "NoticeDelivery"
      WHERE "campaignId" = $1 AND status = 'SENDING' AND "leaseUntil" < now()
      LIMIT $2
      FOR UPDATE SKIP LOCKED),
   due AS (
     SELECT id FROM "NoticeDelivery"
      WHERE "campaignId" = $1 AND status = 'QUEUED' AND "nextAttemptAt" <= now()
      ORDER BY "nextAttemptAt"
      LIMIT $2
      FOR UPDATE SKIP LOCKED),
   picked AS (SELECT id FROM expired UNION ALL SELECT id FROM due LIMIT $2)
   UPDATE "NoticeDelivery" d
      SET status = 'SENDING', "leaseUntil" = now() + make_interval(secs => $3), attempts = d.attempts + 1, "updatedAt" = now()
    WHERE d.id = ANY(ARRAY(SELECT id FROM picked))
    RETURNING d.id, d.email, d.attempts, (SELECT u.name FROM "User" u WHERE u.id = d."userId") AS name`;

/** The notice as nodemailer options: the same message as the compiled one, composed by nodemailer. */
function composedNotice(rendered: RenderedNotice, row: Claimed, messageId: string, settings: SenderSettings) {
  const body = rendered.personalise(row.name);
  return {
    from: settings.mailFrom,
    to: row.email,
    subject: rendered.subject,
    html: body.html,
    text: body.text,
    messageId,
    headers: { "X-Notice-Delivery": row.id, "Auto-Submitted": "auto-generated" },
  };
}

export function noticeMessageId(deliveryId: string, mailFrom: string): string {
  const domain = /@([^>\s]+)/.exec(mailFrom)?.[1] ?? "localhost";
  return `<notice-${deliveryId}@${domain}>`;
}

/** Temporary: 4xx replies and connection-level errors (no reply at all). Permanent: 5xx. */
export function classifySmtpError(error: unknown): { permanent: boolean; code: number | null; message: string } {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  const message = String(e.message ?? error).slice(0, 500);
  if (code !== null && code >= 500 && code < 600) return { permanent: true, code, message };
  if (e.code === "EENVELOPE" && code === null) return { permanent: true, code, message };
  return { permanent: false, code, message };
}

export async function runNoticeSlice(options: {
  pool: pg.Pool;
  transport: NoticeTransport;
  campaignId: string;
  settings: SenderSettings;
  /** What each kind of campaign says (policies' and breaches' renderers). */
  renderers: NoticeRenderers;
  /** Stop claiming new work after this time (ms since epoch). */
  deadline: number;
  onProgress?: (sent: number) => void;
}): Promise<SliceResult> {
  const { pool, transport, campaignId, settings } = options;
  const { rendered, compiled } = await prepareNotice(pool, campaignId, settings, options.renderers);
  const result: SliceResult = { sent: 0, failed: 0, retried: 0, done: false, stoppedBecause: "deadline" };

  while (Date.now() < options.deadline) {
    const campaign = await pool.query<{ status: string; ratePerSecond: number }>(
      `UPDATE "NoticeCampaign" SET "heartbeatAt" = now() WHERE id = $1 RETURNING status::text, "ratePerSecond"`,
      [campaignId],
    );
    const state = campaign.rows[0];
    if (!state) return { ...result, stoppedBecause: "missing" };
    if (state.status !== "RUNNING")
      return {
        ...result,
        stoppedBecause: state.status === "COMPLETED" ? "done" : "paused",
        done: state.status === "COMPLETED",
      };
    const rate = Math.max(1, state.ratePerSecond);

    const claimed = await pool.query<Claimed>(CLAIM_SQL, [
      campaignId,
      Math.min(settings.batchSize, rate * 2),
      settings.leaseSeconds,
    ]);

    if (claimed.rows.length === 0) {
      const pending = await pool.query<{ queued: string; wake: Date | null }>(
        `SELECT count(*) AS queued, min(CASE WHEN status = 'QUEUED' THEN "nextAttemptAt" ELSE "leaseUntil" END) AS wake
           FROM "NoticeDelivery" WHERE "campaignId" = $1 AND status IN ('QUEUED', 'SENDING')`,
        [campaignId],
      );
      if (Number(pending.rows[0].queued) === 0) {
        await pool.query(
          `UPDATE "NoticeCampaign" SET status = 'COMPLETED', "completedAt" = now(), "updatedAt" = now()
            WHERE id = $1 AND status = 'RUNNING' AND "materializedAt" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM "NoticeDelivery" WHERE "campaignId" = $1 AND status IN ('QUEUED', 'SENDING'))`,
          [campaignId],
        );
        return { ...result, done: true, stoppedBecause: "done" };
      }
      const wakeAt = pending.rows[0].wake ? new Date(pending.rows[0].wake).getTime() : Date.now() + 1000;
      await sleep(Math.min(Math.max(wakeAt - Date.now() + 50, 100), 1000, options.deadline - Date.now()));
      continue;
    }

    // Outcomes are recorded as soon as they are known: each flush writes
    // whatever finished while the previous write was in flight (group commit),
    // which keeps the window between "server accepted" and "recorded" short.
    const outcomes: Outcome[] = [];
    let flushing: Promise<void> = Promise.resolve();
    const flush = () => {
      flushing = flushing.then(() => {
        const batch = outcomes.splice(0, outcomes.length);
        return batch.length ? recordOutcomes(pool, batch, settings) : undefined;
      });
      return flushing;
    };
    // The campaign's rate is one limit shared by every lane of every worker: reserve
    // one send slot per claimed message on the campaign row, then send each at its slot.
    const slots = await reserveSendSlots(pool, campaignId, claimed.rows.length, rate);
    const queue = claimed.rows.map((row, index) => ({ row, at: slots + (index * 1000) / rate }));
    const sendOne = async ({ row, at }: { row: Claimed; at: number }) => {
      if (at > Date.now()) await sleep(at - Date.now());
      try {
        await withSendSlot(transport, settings.concurrency * IN_FLIGHT_PER_CONNECTION, () => {
          const messageId = noticeMessageId(row.id, settings.mailFrom);
          const greeting = noticeGreeting(row.name);
          // The compiled message; nodemailer composes the rare one whose address needs encoding.
          const message = compiled.build({ deliveryId: row.id, email: row.email, greeting }, messageId, new Date());
          return withTimeout(
            transport.send(message ?? composedNotice(rendered, row, messageId, settings)),
            settings.sendTimeoutMs,
          );
        });
        outcomes.push({ id: row.id, kind: "sent" });
        result.sent += 1;
        options.onProgress?.(result.sent);
      } catch (error) {
        const info = classifySmtpError(error);
        if (info.code === null) transport.reset();
        const kind = info.permanent || row.attempts >= settings.maxAttempts ? "failed" : "retry";
        if (kind === "failed") result.failed += 1;
        else result.retried += 1;
        outcomes.push({ id: row.id, kind, code: info.code, error: info.message, attempts: row.attempts });
      }
      void flush();
    };
    // Lanes of this slice; withSendSlot bounds what all slices send at once.
    await Promise.all(
      Array.from({ length: Math.min(settings.concurrency * IN_FLIGHT_PER_CONNECTION, queue.length) }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) await sendOne(item);
      }),
    );
    await flush();
  }
  return result;
}

/**
 * Reserves `count` consecutive send slots of the campaign's shared rate (GCRA on
 * "rateNextSlotAt"; an idle campaign may use at most one second of saved-up slots)
 * and returns when the first one starts (ms since epoch). Slots a dead worker
 * reserved are simply lost: the rate can be undershot, never exceeded.
 */
export async function reserveSendSlots(
  pool: pg.Pool,
  campaignId: string,
  count: number,
  rate: number,
): Promise<number> {
  // "rateNextSlotAt" is a UTC timestamp without time zone, like every Prisma DateTime.
  const { rows } = await pool.query<{ start: string }>(
    `WITH clock AS (SELECT now() AT TIME ZONE 'UTC' AS utc),
     slot AS (
       SELECT GREATEST(COALESCE(c."rateNextSlotAt", clock.utc), clock.utc - interval '1 second') AS start
         FROM "NoticeCampaign" c, clock WHERE c.id = $1 FOR UPDATE OF c)
     UPDATE "NoticeCampaign" c SET "rateNextSlotAt" = slot.start + make_interval(secs => $2::float8 / $3::float8)
       FROM slot WHERE c.id = $1
     RETURNING (extract(epoch FROM slot.start) * 1000)::float8::text AS start`,
    [campaignId, count, rate],
  );
  return rows[0] ? Number(rows[0].start) : Date.now();
}

async function recordOutcomes(pool: pg.Pool, outcomes: Outcome[], settings: SenderSettings) {
  const sent = outcomes.filter((o) => o.kind === "sent").map((o) => o.id);
  if (sent.length) {
    await pool.query(
      `UPDATE "NoticeDelivery" SET status = 'SENT', "sentAt" = now(), "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = now()
        WHERE id = ANY($1::text[]) AND status = 'SENDING'`,
      [sent],
    );
  }
  for (const outcome of outcomes) {
    if (outcome.kind === "sent") continue;
    if (outcome.kind === "failed") {
      await pool.query(
        `UPDATE "NoticeDelivery" SET status = 'FAILED', "leaseUntil" = NULL, "lastCode" = $2, "lastError" = $3, "updatedAt" = now() WHERE id = $1 AND status = 'SENDING'`,
        [outcome.id, outcome.code, outcome.error],
      );
    } else {
      // Exponential backoff with jitter: base * 2^(attempt-1), capped at 6 hours.
      const delay =
        Math.min(settings.retryBaseSeconds * 2 ** (outcome.attempts - 1), 21_600) * (0.8 + Math.random() * 0.4);
      await pool.query(
        `UPDATE "NoticeDelivery" SET status = 'QUEUED', "leaseUntil" = NULL, "nextAttemptAt" = now() + make_interval(secs => $2),
                "lastCode" = $3, "lastError" = $4, "updatedAt" = now()
          WHERE id = $1 AND status = 'SENDING'`,
        [outcome.id, delay, outcome.code, outcome.error],
      );
    }
  }
}
