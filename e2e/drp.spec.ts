// Authorized agents through the Data Rights Protocol 0.9.4, end to end against the production
// build: the team registers agents in /admin/agents; a test agent with its own Ed25519 key pair
// sets up its key, files a deletion for a person with an account, an access request for a person
// who only subscribed to the newsletter, and a third request it revokes; it receives status
// callbacks on a loopback server, polls status, and downloads the fulfilled access request's
// results. A second agent is refused the first one's requests; bad signatures get 403 with no
// body; and after the deletion no trace of the person is left in the database.
import type { Browser, Page } from "@playwright/test";
import { randomBytes, generateKeyPairSync } from "node:crypto";
import { unzipSync } from "fflate";
import { findTraces } from "../tests/support/db-scan";
import { createUser, expect, getTestDb, queryCount, queryOne, test, uniqueEmail } from "./fixtures";
import { DrpTestAgent, startCallbackServer, type StatusObject } from "./fixtures/drp-agent";

type SignIn = (page: Page, email: string) => Promise<void>;

async function adminPage(browser: Browser, signIn: SignIn) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.18.7.${Math.floor(Math.random() * 250)}` },
  });
  const page = await context.newPage();
  await signIn(page, "admin@example.com");
  return { page, close: () => context.close() };
}

async function registerAgent(page: Page, agent: DrpTestAgent, name: string) {
  await page.goto("/admin/agents");
  await page.getByLabel("DRP agent id").fill(agent.id);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Contact").fill("drp-integration@agent.example");
  await page.getByLabel("Ed25519 verify key").fill(agent.verifyKeyHex);
  await page.getByRole("button", { name: "Register agent" }).click();
  // A server action under a loaded machine may take a while; the page says when it is done.
  await expect(page.getByText(`${name} is registered.`)).toBeVisible({ timeout: 30_000 });
}

const privacyRequestOf = async (drpRequestId: string) =>
  (await queryOne<{ privacyRequestId: string }>(`SELECT "privacyRequestId" FROM "AgentRequest" WHERE id = $1`, [
    drpRequestId,
  ]))!.privacyRequestId;

test.describe("authorized agents (DRP 0.9.4)", () => {
  test("an agent sets up its key, files, follows, revokes and receives results; another agent is refused", async ({
    browser,
    signIn,
    mailbox,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    const callbacks = await startCallbackServer();
    const agent = new DrpTestAgent("E2E_AGENT");
    const other = new DrpTestAgent("E2E_OTHER");
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": `198.18.8.${Math.floor(Math.random() * 250)}` },
    });
    const admin = await adminPage(browser, signIn);
    try {
      await registerAgent(admin.page, agent, "E2E Consumer Agent");
      await registerAgent(admin.page, other, "E2E Other Agent");

      // 2.05: a message signed with another key is refused with an empty 403; the right one earns a token.
      const impostor = generateKeyPairSync("ed25519").privateKey;
      const forged = await api.post(`/v1/agent/${agent.id}`, {
        headers: { "content-type": "text/plain" },
        data: agent.sign(agent.envelope(), impostor),
        failOnStatusCode: false,
      });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).toBe("");
      const setup = await agent.setUpKey(api);
      expect(setup.status()).toBe(200);
      expect(await setup.json()).toEqual({ "agent-id": agent.id, token: expect.any(String) });
      expect((await other.setUpKey(api)).status()).toBe(200);
      // Only the token's hash is stored.
      expect(await queryCount(`SELECT count(*) FROM "AgentToken" WHERE "tokenHash" = $1`, [agent.token])).toBe(0);
      // 2.06: the token is good for its own agent only.
      const info = await api.get(`/drp/v1/agent/${agent.id}`, { headers: { authorization: `Bearer ${agent.token}` } });
      expect(await info.json()).toEqual({});
      const wrongAgent = await api.get(`/v1/agent/${other.id}`, {
        headers: { authorization: `Bearer ${agent.token}` },
        failOnStatusCode: false,
      });
      expect(wrongAgent.status()).toBe(403);

      // The people: one with an account, one who only subscribed to the newsletter.
      const holder = uniqueEmail("drp-holder");
      const holderName = `Holder ${randomBytes(3).toString("hex")}`;
      const holderId = await createUser(holder, { name: holderName });
      const subscriber = uniqueEmail("drp-subscriber");
      await getTestDb().query(
        `INSERT INTO "NewsletterSubscriber" (id, email, source, "subscribedAt") VALUES ($1, $2, 'website footer', now())`,
        [`e2e${randomBytes(8).toString("hex")}`, subscriber],
      );

      // Malformed (signed, but no email) is a 400 with the error object of 3.06; a tampered body is an empty 403.
      const noEmail = await agent.exercise(api, { exercise: "access", regime: "ccpa" });
      expect(noEmail.status()).toBe(400);
      expect(await noEmail.json()).toMatchObject({ code: "400", message: expect.stringContaining("email") });
      const signed = Buffer.from(agent.sign({ ...agent.envelope(), exercise: "access", email: subscriber }), "base64");
      const tampered = Buffer.from(signed.toString("latin1").replace('"access"', '"delete"'), "latin1");
      const refused = await agent.exercise(api, {}, tampered.toString("base64"));
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toBe("");

      // 2.01: a deletion for the account holder, vouched for by the agent.
      const deletion = await agent.exercise(api, {
        exercise: "deletion",
        regime: "ccpa",
        "agent-request-id": "agent-ref-1",
        status_callback: callbacks.url,
        name: holderName,
        email: holder,
        email_verified: true,
      });
      expect(deletion.status()).toBe(200);
      const deletionStatus: StatusObject = await deletion.json();
      expect(deletionStatus).toMatchObject({
        request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        agent_request_id: "agent-ref-1",
        status: "in_progress",
        received_at: expect.any(String),
        expected_by: expect.any(String),
      });
      expect(deletionStatus.reason).toBeUndefined();
      // CCPA: 45 days from receipt (lib/requests/deadlines.ts).
      const days = (Date.parse(deletionStatus.expected_by!) - Date.parse(deletionStatus.received_at)) / 86_400_000;
      expect(Math.round(days)).toBe(45);

      // An access request for the subscriber, also vouched for.
      const access = await agent.exercise(api, {
        exercise: "access",
        regime: "ccpa",
        status_callback: callbacks.url,
        email: subscriber,
        email_verified: true,
      });
      const accessStatus: StatusObject = await access.json();
      expect(accessStatus.status).toBe("in_progress");

      // A third, unverified address: need_user_verification until the consumer confirms; the agent revokes it.
      const third = uniqueEmail("drp-third");
      const sinceThird = new Date();
      const optOut = await agent.exercise(api, {
        exercise: "sale:opt-out",
        regime: "ccpa",
        status_callback: callbacks.url,
        email: third,
        email_verified: false,
      });
      const optOutStatus: StatusObject = await optOut.json();
      expect(optOutStatus).toMatchObject({
        status: "in_progress",
        reason: "need_user_verification",
        user_verification_url: expect.stringContaining("/requests/verify"),
      });
      await mailbox.waitFor(third, { subject: /confirm your privacy request/i, since: sinceThird });

      // The other agent can neither read nor revoke the first agent's request.
      const peek = await other.status(api, deletionStatus.request_id);
      expect(peek.status()).toBe(403);
      expect(await peek.text()).toBe("");
      expect((await other.revoke(api, optOutStatus.request_id, "not mine")).status()).toBe(403);

      // 2.04: revoke; the answer carries the new state, and so does a callback.
      const revoked = await agent.revoke(api, optOutStatus.request_id, "The consumer changed their mind");
      expect(revoked.status()).toBe(200);
      expect((await revoked.json()).status).toBe("revoked");
      await expect
        .poll(() => callbacks.statusesOf(optOutStatus.request_id).map((s) => s.status), { timeout: 30_000 })
        .toContain("revoked");
      expect((await agent.revoke(api, optOutStatus.request_id, "again")).status()).toBe(409);

      // The team works the requests like any other, from /admin/requests.
      const deletionId = await privacyRequestOf(deletionStatus.request_id);
      await expect
        .poll(
          async () =>
            (
              await queryOne<{ userId: string | null }>(`SELECT "userId" FROM "PrivacyRequest" WHERE id = $1`, [
                deletionId,
              ])
            )?.userId,
          { timeout: 30_000 },
        )
        .toBe(holderId);
      await admin.page.goto(`/admin/requests/${deletionId}`);
      admin.page.once("dialog", (dialog) => dialog.accept());
      await admin.page.getByLabel(/I understand the account is erased/).check();
      await admin.page.getByRole("button", { name: "Erase the account" }).click();
      await expect
        .poll(async () => (await (await agent.status(api, deletionStatus.request_id)).json()).status, {
          timeout: 60_000,
        })
        .toBe("fulfilled");
      await expect
        .poll(() => callbacks.statusesOf(deletionStatus.request_id).map((s) => s.status), { timeout: 30_000 })
        .toContain("fulfilled");

      const accessId = await privacyRequestOf(accessStatus.request_id);
      await expect
        .poll(() => queryCount(`SELECT count(*) FROM "RequestSubjectMatch" WHERE "requestId" = $1`, [accessId]), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      await admin.page.goto(`/admin/requests/${accessId}`);
      await admin.page.getByRole("button", { name: "Produce the person's export" }).click();
      await expect
        .poll(async () => (await (await agent.status(api, accessStatus.request_id)).json()).status, { timeout: 60_000 })
        .toBe("fulfilled");
      const fulfilled: StatusObject = await (await agent.status(api, accessStatus.request_id)).json();
      expect(fulfilled.results_url).toMatch(/\/drp\/v1\/data-rights-request\/.+\/results$/);
      await expect
        .poll(() => callbacks.statusesOf(accessStatus.request_id).map((s) => s.status), { timeout: 30_000 })
        .toContain("fulfilled");
      // The results: the export archive, to this agent's token only.
      const resultsPath = new URL(fulfilled.results_url!).pathname;
      expect((await api.get(resultsPath, { failOnStatusCode: false })).status()).toBe(403);
      expect(
        (
          await api.get(resultsPath, { headers: { authorization: `Bearer ${other.token}` }, failOnStatusCode: false })
        ).status(),
      ).toBe(403);
      const results = await api.get(resultsPath, { headers: { authorization: `Bearer ${agent.token}` } });
      expect(results.headers()["content-type"]).toBe("application/zip");
      const files = unzipSync(new Uint8Array(await results.body()));
      expect(Object.values(files).some((bytes) => Buffer.from(bytes).toString("utf8").includes(subscriber))).toBe(true);

      // The callbacks followed every change, each state once, in order.
      const seen = callbacks.statusesOf(deletionStatus.request_id).map((s) => s.status);
      expect(seen[0]).toBe("in_progress");
      expect(seen.at(-1)).toBe("fulfilled");

      // Every call is audited with its agent, endpoint and outcome; the team sees them.
      expect(
        await queryCount(`SELECT count(*) FROM "AgentCall" WHERE "agentId" = $1 AND status = 403`, [other.id]),
      ).toBeGreaterThanOrEqual(2);
      expect(
        await queryCount(`SELECT count(*) FROM "AuditLog" WHERE action = 'agent.call' AND "targetId" = $1`, [agent.id]),
      ).toBeGreaterThan(5);
      await admin.page.goto(`/admin/agents/${agent.id}`);
      await expect(
        admin.page.getByRole("table", { name: "Requests filed by this agent" }).getByRole("row"),
      ).toHaveCount(4);

      // Nothing of the deleted person is left anywhere (the mail catcher stands for inboxes).
      await expect
        .poll(() => queryCount(`SELECT count(*) FROM "User" WHERE id = $1`, [holderId]), { timeout: 60_000 })
        .toBe(0);
      expect(await findTraces(getTestDb(), [holder, holderName, holderId], { skipTables: ["CaughtMail"] })).toEqual([]);
    } finally {
      await admin.close();
      await api.dispose();
      await callbacks.close();
    }
  });

  test("suspending an agent or rotating its key ends its token", async ({ browser, signIn, playwright, baseURL }) => {
    test.setTimeout(120_000);
    const agent = new DrpTestAgent("E2E_ROTATE");
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": `198.18.6.${Math.floor(Math.random() * 250)}` },
    });
    const admin = await adminPage(browser, signIn);
    try {
      await registerAgent(admin.page, agent, "E2E Rotating Agent");
      expect((await agent.setUpKey(api)).status()).toBe(200);
      const auth = () => ({ headers: { authorization: `Bearer ${agent.token}` }, failOnStatusCode: false });
      expect((await api.get(`/v1/agent/${agent.id}`, auth())).status()).toBe(200);

      const replacement = new DrpTestAgent("E2E_ROTATE");
      await admin.page.goto(`/admin/agents/${agent.id}`);
      await admin.page.getByLabel(/New Ed25519 verify key/).fill(replacement.verifyKeyHex);
      await admin.page.getByRole("button", { name: "Rotate key" }).click();
      await expect(admin.page.getByText("The new key is in force.")).toBeVisible({ timeout: 30_000 });
      expect((await api.get(`/v1/agent/${agent.id}`, auth())).status()).toBe(403);
      // The old key no longer sets up a token.
      expect((await agent.setUpKey(api)).status()).toBe(403);

      admin.page.once("dialog", (dialog) => dialog.accept());
      await admin.page.getByRole("button", { name: "Suspend agent" }).click();
      await expect(admin.page.getByText("The agent is suspended")).toBeVisible({ timeout: 30_000 });
      expect(await queryOne<{ status: string }>(`SELECT status FROM "Agent" WHERE id = $1`, [agent.id])).toEqual({
        status: "SUSPENDED",
      });
    } finally {
      await admin.close();
      await api.dispose();
    }
  });
});
