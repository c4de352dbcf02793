import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, getTestDb, queryCount, queryOne, rememberSecret, test, uniqueEmail } from "./fixtures";

type Install = { id: string; token: string; userId: string; name: string };

async function createInstall(options: { userId?: string; name?: string } = {}): Promise<Install> {
  const db = getTestDb();
  let userId = options.userId;
  if (!userId) {
    userId = `e2e-user-${randomBytes(6).toString("hex")}`;
    await db.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $2, now())`, [
      userId,
      uniqueEmail("install-owner"),
    ]);
  }
  const id = `e2e-${randomBytes(6).toString("hex")}`;
  const token = randomBytes(24).toString("hex");
  rememberSecret("install", token);
  const name = options.name ?? `cluster ${id}`;
  await db.query(`INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ($1, $2, $3, $4)`, [
    id,
    userId,
    name,
    createHash("sha256").update(token).digest("hex"),
  ]);
  return { id, token, userId, name };
}

const reportFor = (install: Install, data: Record<string, unknown> = { apps: 4, hosts: 2 }) => ({
  installId: install.id,
  kind: "usage",
  data,
});

async function post(request: APIRequestContext, install: Install, body: unknown, headers: Record<string, string> = {}) {
  return request.post("/api/telemetry", {
    headers: { authorization: `Bearer ${install.token}`, ...headers },
    data: body,
  });
}

const countReports = (clusterId: string) =>
  queryCount(`SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" = $1`, [clusterId]);

/** Sends an accepted report through another install and waits until it is stored: every batch before it is written too. */
async function flushBarrier(request: APIRequestContext) {
  const barrier = await createInstall();
  expect((await post(request, barrier, reportFor(barrier))).status()).toBe(202);
  await expect.poll(() => countReports(barrier.id)).toBe(1);
}

test.describe("telemetry ingestion", () => {
  test("a known install's report is accepted and stored in a batch", async ({ request }) => {
    const install = await createInstall();
    const response = await post(request, install, { ...reportFor(install), version: "v20261101.0" });
    expect(response.status()).toBe(202);
    expect(await response.json()).toEqual({ status: "accepted", collection: "enabled" });
    await expect.poll(() => countReports(install.id)).toBe(1);
    const row = await queryOne<{
      userId: string;
      payload: { apps: number; version: string };
      policyVersionId: string | null;
    }>(`SELECT "userId", payload, "policyVersionId" FROM "TelemetryReport" WHERE "clusterId" = $1`, [install.id]);
    expect(row).toMatchObject({ userId: install.userId, payload: { apps: 4, version: "v20261101.0" } });
    expect(row!.policyVersionId).toBeTruthy();
    expect(
      await queryCount(
        `SELECT count(*) FROM "Cluster" WHERE id = $1 AND "lastReportAt" > now() - interval '1 minute'`,
        [install.id],
      ),
    ).toBe(1);
  });

  test("bad reports get 400 with a reason, oversized 413, unknown installs and wrong tokens 401", async ({
    request,
  }) => {
    const install = await createInstall();
    const notJson = await request.post("/api/telemetry", {
      headers: { authorization: `Bearer ${install.token}`, "content-type": "application/json" },
      data: Buffer.from("{nope"),
    });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).reason).toBe("body is not valid JSON");
    const badSchema = await post(request, install, {
      installId: install.id,
      kind: "gossip",
      data: { apps: { nested: true } },
    });
    expect(badSchema.status()).toBe(400);
    expect((await badSchema.json()).reason).toMatch(/kind/);
    const huge = await post(
      request,
      install,
      reportFor(install, { blob: "x".repeat(200), more: Array.from({ length: 100 }, () => "y".repeat(200)) }),
    );
    expect(huge.status()).toBe(413);
    const unknown = await post(
      request,
      { ...install, id: "no-such-install" },
      { ...reportFor(install), installId: "no-such-install" },
    );
    expect(unknown.status()).toBe(401);
    const wrongToken = await post(request, { ...install, token: "not-the-token" }, reportFor(install));
    expect(wrongToken.status()).toBe(401);
    const noToken = await request.post("/api/telemetry", { data: reportFor(install) });
    expect(noToken.status()).toBe(401);
    await flushBarrier(request);
    expect(await countReports(install.id)).toBe(0);
  });

  test("text PostgreSQL cannot store gets 400, and the 50 reports sent at the same moment are stored", async ({
    request,
  }) => {
    const [nul, surrogate] = [await createInstall(), await createInstall()];
    const good = await Promise.all(Array.from({ length: 50 }, () => createInstall()));
    const [nulResponse, surrogateResponse, ...goodResponses] = await Promise.all([
      post(request, nul, reportFor(nul, { note: "a\u0000b" })),
      post(request, surrogate, { ...reportFor(surrogate), env: { ["REGION\ud800"]: "eu" } }),
      ...good.map((install, index) => post(request, install, reportFor(install, { n: index }))),
    ]);
    expect(nulResponse.status()).toBe(400);
    expect((await nulResponse.json()).reason).toMatch(/^data\.note: .*NUL character/);
    expect(surrogateResponse.status()).toBe(400);
    expect((await surrogateResponse.json()).reason).toMatch(/^env: a field name .*lone surrogate/);
    expect(goodResponses.map((response) => response.status())).toEqual(Array(50).fill(202));
    const ids = good.map((install) => install.id);
    await expect
      .poll(() => queryCount(`SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" = ANY($1::text[])`, [ids]))
      .toBe(50);
    expect(await countReports(nul.id)).toBe(0);
    expect(await countReports(surrogate.id)).toBe(0);
  });

  test("a flooding install gets 429", async ({ request }) => {
    const install = await createInstall();
    const statuses: number[] = [];
    for (let index = 0; index < 65; index++)
      statuses.push((await post(request, install, reportFor(install, { n: index }))).status());
    expect(statuses.slice(0, 60).every((status) => status === 202)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429, 429, 429, 429]);
    const limited = await post(request, install, reportFor(install));
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    await expect.poll(() => countReports(install.id)).toBe(60);
  });

  test("DO_NOT_TRACK and TELEMETRY_DISABLED in headers or body: nothing stored, collection disabled", async ({
    request,
  }) => {
    const install = await createInstall();
    const attempts = [
      await post(request, install, reportFor(install), { "do-not-track": "1" }),
      await post(request, install, reportFor(install), { "telemetry-disabled": "true" }),
      await post(request, install, { ...reportFor(install), env: { TELEMETRY_DISABLED: "true" } }),
      await post(request, install, { ...reportFor(install), env: { DO_NOT_TRACK: "1" } }),
    ];
    for (const response of attempts) {
      expect(response.status()).toBe(200);
      expect(await response.json()).toMatchObject({ status: "discarded", collection: "disabled" });
      expect(response.headers()["telemetry-collection"]).toBe("disabled");
    }
    await flushBarrier(request);
    expect(await countReports(install.id)).toBe(0);
  });
});

test.describe("telemetry preferences", () => {
  test("turning an install off (and purging) makes the endpoint store nothing from it", async ({
    page,
    signIn,
    request,
  }) => {
    const email = uniqueEmail("telemetry");
    await signIn(page, email);
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    const install = await createInstall({ userId: user!.id, name: "staging cluster" });
    const other = await createInstall({ userId: user!.id, name: "laptop CLI" });
    for (let index = 0; index < 3; index++)
      expect((await post(request, install, reportFor(install, { n: index }))).status()).toBe(202);
    await expect.poll(() => countReports(install.id)).toBe(3);

    await page.goto("/account/preferences/telemetry");
    await expect(page.getByText("flynn -a controller env set TELEMETRY_DISABLED=true")).toBeVisible();
    await expect(page.getByText(install.id)).toBeVisible();
    await expect(page.getByTestId(`reports-held-${install.id}`)).toHaveText("3");
    const card = page.locator("li").filter({ hasText: install.id });
    await card.getByLabel("Also delete the 3 reports already collected").check();
    page.once("dialog", (dialog) => void dialog.accept());
    await card.getByRole("button", { name: "Turn off telemetry for staging cluster" }).click();
    await expect(card.getByText("Telemetry is off for this install. 3 collected reports were deleted.")).toBeVisible();
    expect(await countReports(install.id)).toBe(0);

    const refused = await post(request, install, reportFor(install));
    expect(refused.status()).toBe(200);
    expect(await refused.json()).toMatchObject({
      collection: "disabled",
      reason: "telemetry is turned off for this install",
    });
    // The other install still reports; once its report is stored, anything sent before it would be too.
    expect((await post(request, other, reportFor(other))).status()).toBe(202);
    await expect.poll(() => countReports(other.id)).toBe(1);
    expect(await countReports(install.id)).toBe(0);

    await page.goto("/account/preferences/history");
    await expect(page.getByText(`Telemetry for install ${install.id}`)).toBeVisible();
    await expect(page.getByText(`Collected telemetry deleted (${install.id})`)).toBeVisible();
    expect(
      await queryCount(
        `SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND subject = $2 AND "oldValue" = 'on' AND "newValue" = 'off' AND source = 'PORTAL'`,
        [user!.id, `telemetry:cluster:${install.id}`],
      ),
    ).toBe(1);
  });

  test("the account-wide switch stops every install at once", async ({ page, signIn, request }) => {
    const email = uniqueEmail("telemetry-all");
    await signIn(page, email);
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    const install = await createInstall({ userId: user!.id, name: "prod" });
    expect((await post(request, install, reportFor(install))).status()).toBe(202);
    await expect.poll(() => countReports(install.id)).toBe(1);

    await page.goto("/account/preferences/telemetry");
    await page.getByRole("button", { name: "Turn off telemetry for all your installs" }).click();
    await expect(page.getByText("Telemetry is off for your whole account.")).toBeVisible();
    const refused = await post(request, install, reportFor(install));
    expect(await refused.json()).toMatchObject({
      collection: "disabled",
      reason: "the install's owner turned telemetry off",
    });
    await flushBarrier(request);
    // Not purged on request: the one earlier report stays, nothing new arrives.
    expect(await countReports(install.id)).toBe(1);
    await page.reload();
    await expect(page.getByText("(off for the whole account)")).toBeVisible();
    // The install offers no switch of its own while the whole account is off: it says so instead.
    await expect(page.getByRole("button", { name: /telemetry for prod$/ })).toHaveCount(0);
    await expect(page.getByTestId(`install-off-${install.id}`)).toHaveText(
      "Off, with the rest of your account. Turn telemetry on for the account above to choose for this install.",
    );

    await page.getByRole("button", { name: "Turn on telemetry for all your installs" }).click();
    await expect(page.getByText("Telemetry is on for your whole account.")).toBeVisible();
    expect((await post(request, install, reportFor(install))).status()).toBe(202);
    await expect.poll(() => countReports(install.id)).toBe(2);
  });

  test("another user's install cannot be switched from a forged form", async ({ page, signIn }) => {
    const victim = await createInstall({ name: "victim cluster" });
    const email = uniqueEmail("forger");
    await signIn(page, email);
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    await createInstall({ userId: user!.id, name: "my own cluster" });
    await page.goto("/account/preferences/telemetry");
    await expect(page.getByText(victim.id)).toHaveCount(0);
    // Point the first install form at the victim's cluster and submit.
    const form = page
      .locator("form")
      .filter({ has: page.locator('input[name="clusterId"]') })
      .first();
    await form
      .locator('input[name="clusterId"]')
      .evaluate((input, id) => ((input as HTMLInputElement).value = id), victim.id);
    await form.getByRole("button").click();
    await expect(page.getByText("We could not find that install on your account.")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "Cluster" WHERE id = $1 AND "telemetryEnabled"`, [victim.id])).toBe(
      1,
    );
  });
});
