// Fault injection for the notice fan-out, against a real SMTP server under the
// test's control. After recovery every user must have exactly one delivered
// notice: none lost, none duplicated.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNoticeTransport } from "../../lib/notices/transport";
import { materializeNoticeCampaign } from "../../lib/notices/campaign";
import { runNoticeSlice, type SenderSettings } from "../../lib/notices/sender";
import { renderPolicyNotice } from "../../lib/policies/notice";
import { renderBreachNotice } from "../../lib/breaches/notice";
import { createTestDatabase } from "../setup/test-database";
import { startSmtpHarness, type Harness } from "./smtp-harness";
import { TS_NODE_ARGS } from "../../scripts/lib/node-args";

const settings: SenderSettings = {
  appUrl: "http://localhost:3000",
  companyName: "Test Co",
  mailFrom: "Privacy Team <privacy@example.test>",
  batchSize: 50,
  concurrency: 5,
  leaseSeconds: 3,
  retryBaseSeconds: 0.3,
  maxAttempts: 8,
  sendTimeoutMs: 2_500,
};

let databaseUrl: string;
let pool: pg.Pool;

beforeAll(async () => {
  databaseUrl = await createTestDatabase("notice_fault", { migrate: true });
  pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
});

afterAll(async () => {
  await pool?.end();
});

/** n users, a substantive published version and its (materialised) campaign. */
async function seedCampaign(tag: string, users: number, ratePerSecond = 2000) {
  await pool.query(
    `INSERT INTO "User" (id, email, name, "updatedAt") SELECT 'u_${tag}_' || i, '${tag}-' || i || '@example.test', 'User ' || i, now() FROM generate_series(1, $1) AS i`,
    [users],
  );
  await pool.query(`INSERT INTO "PolicyDocument" (id, slug, title) VALUES ($1, $1, 'Fault Policy')`, [`doc_${tag}`]);
  await pool.query(
    `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
     VALUES ($1, $2, 1, 'PUBLISHED', 'Text', 'We changed things.', true, now() + interval '31 days', now(), now())`,
    [`pv_${tag}`, `doc_${tag}`],
  );
  await pool.query(
    `INSERT INTO "NoticeCampaign" (id, "policyVersionId", audience, status, "ratePerSecond", "updatedAt") VALUES ($1, $2, 'ALL', 'RUNNING', $3, now())`,
    [`nc_${tag}`, `pv_${tag}`, ratePerSecond],
  );
  return `nc_${tag}`;
}

async function drainInProcess(smtpUrl: string, campaignId: string, timeoutMs = 60_000) {
  const inner = createNoticeTransport(smtpUrl, settings.concurrency);
  const transport = process.env.DEBUG_FAULT
    ? {
        ...inner,
        send: (m: Parameters<typeof inner.send>[0]) =>
          inner.send(m).then(
            (r) => r,
            (e) => {
              console.log("[send-error]", m.to, e.code, e.responseCode, e.message);
              throw e;
            },
          ),
        reset: () => {
          console.log("[reset]");
          inner.reset();
        },
      }
    : inner;
  const end = Date.now() + timeoutMs;
  try {
    await materializeNoticeCampaign(campaignId, pool);
    while (Date.now() < end) {
      const result = await runNoticeSlice({
        pool,
        transport,
        campaignId,
        settings,
        renderers: { POLICY: renderPolicyNotice, BREACH: renderBreachNotice },
        deadline: Date.now() + 2_000,
      }).catch(() => ({ done: false }));
      if (result.done) return;
    }
    throw new Error("campaign did not finish in time");
  } finally {
    transport.close();
  }
}

async function deliveryStates(campaignId: string) {
  const { rows } = await pool.query<{ email: string; status: string; attempts: number; lastCode: number | null }>(
    `SELECT email, status::text, attempts, "lastCode" FROM "NoticeDelivery" WHERE "campaignId" = $1`,
    [campaignId],
  );
  return rows;
}

function expectExactlyOnce(harness: Harness, emails: string[]) {
  const counts = emails.map((email) => harness.delivered.get(email)?.size ?? 0);
  const wrong = emails.filter((_, i) => counts[i] !== 1);
  expect(wrong, `recipients without exactly one delivered notice`).toEqual([]);
}

/** The campaign's audience is every user in the database (earlier tests' users too). */
async function everyUserEmail(except: string[] = []) {
  const { rows } = await pool.query<{ email: string }>(`SELECT email FROM "User"`);
  return rows.map((r) => r.email).filter((email) => !except.includes(email));
}

describe("notice fan-out under SMTP faults", () => {
  it("retries temporary 4xx replies with backoff and records permanent 5xx failures", async () => {
    const tag = "t4xx";
    const n = 150;
    const campaignId = await seedCampaign(tag, n);
    const harness = await startSmtpHarness({
      rcptReply: (recipient, attempt) => {
        const i = Number(/-(\d+)@/.exec(recipient)?.[1]);
        if (recipient === `${tag}-7@example.test`) return 550; // permanent: unknown mailbox
        if (i % 5 === 0 && attempt <= 2) return 451; // temporary, twice
        if (i % 11 === 0 && attempt === 1) return 421;
        return null;
      },
    });
    try {
      await drainInProcess(harness.url, campaignId);
      expectExactlyOnce(harness, await everyUserEmail([`${tag}-7@example.test`]));
      expect(harness.delivered.get(`${tag}-7@example.test`)).toBeUndefined();
      expect(harness.resends).toBe(0);
      expect(harness.tempFailures).toBeGreaterThanOrEqual(60);
      const states = await deliveryStates(campaignId);
      const failed = states.filter((s) => s.status === "FAILED");
      expect(failed).toEqual([{ email: `${tag}-7@example.test`, status: "FAILED", attempts: 1, lastCode: 550 }]);
      expect(states.filter((s) => s.status === "SENT")).toHaveLength(states.length - 1);
      expect(states.length).toBe(n);
      expect(states.find((s) => s.email === `${tag}-10@example.test`)?.attempts).toBe(3);
      const campaign = await pool.query(`SELECT status::text FROM "NoticeCampaign" WHERE id = $1`, [campaignId]);
      expect(campaign.rows[0].status).toBe("COMPLETED");
    } finally {
      await harness.close();
    }
  });

  it("resends messages whose connection dropped mid-message", async () => {
    const tag = "tdrop";
    const n = 120;
    const campaignId = await seedCampaign(tag, n);
    const harness = await startSmtpHarness({
      dropMidMessage: (recipient, attempt) =>
        recipient.startsWith(tag) && Number(/-(\d+)@/.exec(recipient)?.[1]) % 4 === 0 && attempt === 1,
    });
    try {
      await drainInProcess(harness.url, campaignId);
      expect(harness.drops).toBe(30);
      expectExactlyOnce(harness, await everyUserEmail());
      expect(harness.resends).toBe(0);
      expect((await deliveryStates(campaignId)).every((s) => s.status === "SENT")).toBe(true);
    } finally {
      await harness.close();
    }
  });

  it("rides out the server being down for a while", async () => {
    const tag = "tdown";
    const n = 200;
    const campaignId = await seedCampaign(tag, n, 100);
    const harness = await startSmtpHarness();
    try {
      const outage = (async () => {
        while (harness.totalDelivered() < 50) await new Promise((r) => setTimeout(r, 20));
        await harness.down();
        await new Promise((r) => setTimeout(r, 3_000));
        await harness.up();
      })();
      const monitor = setInterval(async () => {
        const c = await pool
          .query(`SELECT status::text, count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1 GROUP BY 1`, [campaignId])
          .catch(() => ({ rows: [] }));
        if (process.env.DEBUG_FAULT) console.log("[debug]", harness.totalDelivered(), JSON.stringify(c.rows));
      }, 2000);
      await drainInProcess(harness.url, campaignId).finally(() => clearInterval(monitor));
      await outage;
      expectExactlyOnce(harness, await everyUserEmail());
      expect(harness.resends).toBe(0);
      const retried = (await deliveryStates(campaignId)).filter((s) => s.attempts > 1).length;
      expect(retried).toBeGreaterThan(0);
    } finally {
      await harness.close();
    }
  }, 90_000);

  it("recovers when the worker process is killed mid-batch and restarted", async () => {
    const tag = "tkill";
    const n = 400;
    const campaignId = await seedCampaign(tag, n, 150);
    const harness = await startSmtpHarness();
    const workers: ChildProcess[] = [];
    const startWorkerProcess = () => {
      const child = spawn(process.execPath, [...TS_NODE_ARGS, path.resolve("scripts/worker.ts")], {
        env: {
          ...process.env,
          NODE_ENV: "test",
          DATABASE_URL: databaseUrl,
          SMTP_URL: harness.url,
          AUTH_SECRET: "fault-test-secret-0123456789",
          MAIL_FROM: settings.mailFrom,
          NOTICE_LEASE_SECONDS: "3",
          NOTICE_SLICE_SECONDS: "4",
          NOTICE_RETRY_BASE_SECONDS: "0.3",
          NOTICE_BATCH_SIZE: "50",
          NOTICE_SEND_TIMEOUT_SECONDS: "2.5",
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      workers.push(child);
      return child;
    };
    const boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
    boss.on("error", () => {});
    try {
      const first = startWorkerProcess();
      await boss.start();
      await boss.createQueue("notices.start");
      await boss.send("notices.start", { campaignId });
      // Kill it hard in the middle of the run.
      while (harness.totalDelivered() < n / 2) await new Promise((r) => setTimeout(r, 10));
      first.kill("SIGKILL");
      await new Promise((resolve) => first.once("exit", resolve));
      const deliveredAtKill = harness.totalDelivered();
      const inFlight = await pool.query<{ count: string }>(
        `SELECT count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1 AND status = 'SENDING'`,
        [campaignId],
      );
      const audience = (await everyUserEmail()).length;
      expect(deliveredAtKill).toBeLessThan(audience);
      startWorkerProcess();
      const deadline = Date.now() + 90_000;
      for (;;) {
        const state = await pool.query(`SELECT status::text FROM "NoticeCampaign" WHERE id = $1`, [campaignId]);
        if (state.rows[0].status === "COMPLETED") break;
        if (Date.now() > deadline)
          throw new Error(`not completed; delivered ${harness.totalDelivered()} of ${audience}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expectExactlyOnce(harness, await everyUserEmail());
      const states = await deliveryStates(campaignId);
      expect(states.every((s) => s.status === "SENT")).toBe(true);
      // Resends are only possible for messages that were in flight at the kill.
      expect(harness.resends).toBeLessThanOrEqual(Number(inFlight.rows[0].count));
      console.log(
        `[fault] kill: delivered ${deliveredAtKill} before SIGKILL, ${inFlight.rows[0].count} leased at kill, ${harness.resends} resend(s) recognised by Message-ID, ${harness.totalDelivered()} delivered in total for ${audience} users`,
      );
      expect(harness.totalDelivered()).toBe(audience);
    } finally {
      for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGTERM");
      await Promise.all(
        workers.map((w) =>
          w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once("exit", r)) : null,
        ),
      );
      await boss.stop({ graceful: false }).catch(() => {});
      await harness.close();
    }
  }, 150_000);
});
