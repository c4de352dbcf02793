// Accountability: the retention purge removes exactly the expired rows and records
// the run; the audit log viewer filters, pages and downloads; no sign-in token ever
// reaches the audit log; the public sharing page matches the register; the public
// statistics never show a number under k; every new admin page is a 404 for others.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { createUser, expect, getTestDb, queryCount, queryOne, requestSignInLink, test, uniqueEmail } from "./fixtures";

const axeTags = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  expect(
    results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

// The purge runs "as of" this date (the injected clock), so that on the shared test
// database it only reaches rows this spec planted far in the past.
const AS_OF = "2012-01-01T00:00:00.000Z";
const TABLES = [
  { target: "server-logs", table: "ServerLogRecord", time: "occurredAt" },
  { target: "email-events", table: "EmailEvent", time: "occurredAt" },
  { target: "crash-reports", table: "CrashReport", time: "occurredAt" },
  { target: "inferences", table: "Inference", time: "inferredAt" },
  { target: "telemetry", table: "TelemetryReport", time: "receivedAt" },
];

async function cutoffOf(target: string): Promise<Date> {
  const rule = await queryOne<{ days: number }>(`SELECT days FROM "RetentionRule" WHERE target = $1`, [target]);
  return new Date(new Date(AS_OF).getTime() - rule!.days * 86_400_000);
}

test("retention: a dry run counts, a purge removes exactly the expired rows and records the run", async ({
  page,
  signIn,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("retention");
  const userId = await createUser(email);
  const db = getTestDb();
  // Expired (2005) and kept (a day before AS_OF) rows of one person.
  await db.query(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) SELECT $1, '2005-03-01'::timestamp + g * interval '1 hour', '192.0.2.9', '/old' FROM generate_series(1, 7) g`,
    [userId],
  );
  await db.query(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) VALUES ($1, '2011-12-31', '192.0.2.9', '/kept')`,
    [userId],
  );
  await db.query(
    `INSERT INTO "EmailEvent" ("userId", kind, category, "occurredAt") SELECT $1, 'SENT', 'PRODUCT_NEWS', '2005-01-01'::timestamp + g * interval '1 day' FROM generate_series(1, 3) g`,
    [userId],
  );
  await db.query(
    `INSERT INTO "CrashReport" (id, "userId", "occurredAt", product, version, summary, "stackTrace") SELECT 'e2ecr' || g || $2, $1, '2005-06-01', 'flynn', 'v1', 's', 't' FROM generate_series(1, 2) g`,
    [userId, randomBytes(4).toString("hex")],
  );
  await db.query(
    `INSERT INTO "Inference" (id, "userId", kind, value, basis, "inferredAt") VALUES ('e2einf' || $2, $1, 'country', 'X', 'test', '2005-06-01')`,
    [userId, randomBytes(4).toString("hex")],
  );

  await signIn(page, "admin@example.com");
  await page.setExtraHTTPHeaders({ "x-test-now": AS_OF });
  await page.goto("/admin/retention");
  await expect(page.getByRole("heading", { name: "Retention" })).toBeVisible();
  await expectAccessible(page);

  // Changing a period: audited, and shown to people on their data pages.
  const inferences = page.locator('tr[data-target="inferences"]');
  await inferences.getByLabel("Days to keep inferences").fill("400");
  await inferences.getByRole("button", { name: "Save" }).click();
  await expect(inferences.getByText("Inferences: kept for 400 days (was 365).")).toBeVisible();
  expect(
    await queryCount(
      `SELECT count(*) FROM "AuditLog" WHERE action = 'retention.rule.update' AND "targetId" = 'inferences' AND metadata->>'to' = '400'`,
    ),
  ).toBeGreaterThanOrEqual(1);
  await inferences.getByLabel("Days to keep inferences").fill("0");
  await inferences.getByRole("button", { name: "Save" }).click();
  await expect(inferences.getByText("Keep it at least 1 day.")).toBeVisible();

  const expected: Record<string, number> = {};
  for (const { target, table, time } of TABLES)
    expected[target] = await queryCount(`SELECT count(*) FROM "${table}" WHERE "${time}" < $1`, [
      await cutoffOf(target),
    ]);
  expect(expected["server-logs"]).toBeGreaterThanOrEqual(7);
  const totals = Object.fromEntries(
    await Promise.all(
      TABLES.map(async ({ target, table }) => [target, await queryCount(`SELECT count(*) FROM "${table}"`)] as const),
    ),
  );

  // Dry run: counts what would go, deletes nothing.
  await page.getByRole("button", { name: "Dry run (count only)" }).click();
  await expect(page.getByText(/Dry run finished: \d+ rows? would be deleted/)).toBeVisible();
  const dry = await queryOne<{ id: string }>(
    `SELECT id FROM "RetentionRun" WHERE "dryRun" AND "asOf" = $1 ORDER BY "startedAt" DESC LIMIT 1`,
    [new Date(AS_OF)],
  );
  for (const { target } of TABLES) {
    expect(
      await queryCount(`SELECT rows AS count FROM "RetentionRunItem" WHERE "runId" = $1 AND target = $2`, [
        dry!.id,
        target,
      ]),
      target,
    ).toBe(expected[target]);
  }
  expect(await queryCount(`SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1`, [userId])).toBe(8);

  // The purge (confirmed), run by the worker.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Purge expired data now" }).click();
  await expect(page.getByText("The purge has started.")).toBeVisible();
  const run = await queryOne<{ id: string }>(
    `SELECT id FROM "RetentionRun" WHERE NOT "dryRun" AND "asOf" = $1 ORDER BY "startedAt" DESC LIMIT 1`,
    [new Date(AS_OF)],
  );
  await expect
    .poll(
      async () =>
        (await queryOne<{ status: string }>(`SELECT status FROM "RetentionRun" WHERE id = $1`, [run!.id]))?.status,
      { timeout: 60_000 },
    )
    .toBe("COMPLETED");
  for (const { target, table, time } of TABLES) {
    expect(
      await queryCount(`SELECT count(*) FROM "${table}" WHERE "${time}" < $1`, [await cutoffOf(target)]),
      `${table} left`,
    ).toBe(0);
    expect(
      await queryCount(`SELECT rows AS count FROM "RetentionRunItem" WHERE "runId" = $1 AND target = $2`, [
        run!.id,
        target,
      ]),
      `${target} recorded`,
    ).toBe(expected[target]);
    // Nothing else went (other tests only add rows meanwhile).
    expect(await queryCount(`SELECT count(*) FROM "${table}"`)).toBeGreaterThanOrEqual(
      totals[target] - expected[target],
    );
  }
  expect(await queryOne(`SELECT path FROM "ServerLogRecord" WHERE "userId" = $1`, [userId])).toEqual({ path: "/kept" });
  expect(
    await queryCount(`SELECT count(*) FROM "AuditLog" WHERE action = 'retention.run' AND "targetId" = $1`, [run!.id]),
  ).toBe(1);

  // The history shows the run, per kind of data.
  await page.reload();
  const history = page.locator(`[data-run="${run!.id}"]`);
  await expect(history.getByText("completed")).toBeVisible();
  await expect(page.locator(`details:has([data-run="${run!.id}"]) tr[data-item="server-logs"] [data-rows]`)).toHaveText(
    String(expected["server-logs"]),
  );

  // People see the period on their data pages.
  const person = await page
    .context()
    .browser()!
    .newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}` } });
  const personPage = await person.newPage();
  await signIn(personPage, email);
  await personPage.goto("/account/data/inferences");
  await expect(personPage.getByText("Kept for 400 days, then deleted automatically.")).toBeVisible();
  await person.close();

  await inferences.getByLabel("Days to keep inferences").fill("365");
  await inferences.getByRole("button", { name: "Save" }).click();
  await expect(inferences.getByText("Inferences: kept for 365 days (was 400).")).toBeVisible();
});

test("audit log viewer: filters, keyset pages, CSV; no sign-in token in any audit row", async ({
  page,
  signIn,
  mailbox,
}) => {
  test.setTimeout(120_000);
  // A real magic-link sign-in: its token and link must never be written to the audit log.
  const email = uniqueEmail("audit-token");
  const link = await requestSignInLink(page, mailbox, email);
  const token = new URL(link).searchParams.get("token") ?? link.split("token=")[1]?.split("&")[0];
  expect(token && token.length >= 16).toBe(true);
  await page.goto(link);
  const year = page.getByLabel("Year");
  if (await year.isVisible()) {
    await page.getByLabel("Month").selectOption("6");
    await year.selectOption("1990");
  }
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/account/);
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toBeTruthy();
  // The person tries an admin page (an audited refusal, with its path).
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
  for (const secret of [token!, encodeURIComponent(token!), cookie!.value, link]) {
    expect(await queryCount(`SELECT count(*) FROM "AuditLog" a WHERE position($1 in (a.*)::text) > 0`, [secret])).toBe(
      0,
    );
  }
  expect(
    await queryCount(
      `SELECT count(*) FROM "AuditLog" WHERE action = 'authz.denied' AND coalesce(metadata->>'path', 'x') = ''`,
    ),
  ).toBe(0);
  await page.context().clearCookies();

  // Sixty rows of one action, for paging.
  const action = `e2e.audit.${randomBytes(3).toString("hex")}`;
  await getTestDb().query(
    `INSERT INTO "AuditLog" (action, "targetType", "targetId", at, metadata) SELECT $1, 'Thing', 't' || g, now() - (g * interval '1 second'), jsonb_build_object('n', g) FROM generate_series(1, 60) g`,
    [action],
  );

  await signIn(page, "admin@example.com");
  await page.goto("/admin/audit");
  await expectAccessible(page);
  await page.getByLabel("Action (end with . or * for a prefix)").fill(action);
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(rows).toHaveCount(10);
  await expect(page.getByRole("link", { name: "Older →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(rows).toHaveCount(50);
  await expect(page.getByRole("link", { name: "← Newer" })).toHaveCount(0);

  // Target and date filters.
  await page.goto(`/admin/audit?action=${action}&targetType=Thing&targetId=t7`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Thing: t7");
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/admin/audit?action=${action}&from=${tomorrow}`);
  await expect(page.getByText("No audit entries match these filters.")).toBeVisible();
  await page.goto(`/admin/audit?from=not-a-date`);
  await expect(page.getByText("Please check the filters")).toBeVisible();

  // By actor: the person's refusal shows their email address (resolved through their key).
  await page.goto(`/admin/audit?actor=${encodeURIComponent(email)}&action=authz.denied`);
  await expect(rows.first()).toContainText(email);
  await expect(rows.first()).toContainText("/admin/audit");

  // CSV download: admins only, never cached.
  const csv = await page.request.get(`/admin/audit/export?action=${action}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["cache-control"]).toContain("no-store");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("id,at,actor,actor_ref,action,target_type,target_id,ip,metadata");
  expect(lines).toHaveLength(61);
});

test("non-admins get 404 on every new admin page", async ({ page, signIn }) => {
  const email = uniqueEmail("not-admin");
  await createUser(email);
  await signIn(page, email);
  for (const path of ["/admin/retention", "/admin/audit"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  // The CSV route handler answers the same (fetched, as a browser would download it).
  expect((await page.request.get("/admin/audit/export")).status()).toBe(404);
  expect(
    await queryCount(
      `SELECT count(*) FROM "AuditLog" a JOIN "PersonKey" k ON k.ref = a."actorId" JOIN "User" u ON u.id = k."userId" WHERE u.email = $1 AND a.action = 'authz.denied'`,
      [email],
    ),
  ).toBe(3);
  await page.context().clearCookies();
  const anonymous = await page.request.get("/admin/audit/export");
  expect(anonymous.status()).toBe(404);
});

test("the sharing page matches the register", async ({ page }) => {
  await page.goto("/privacy/sharing");
  await expect(page.getByRole("heading", { name: "Who we share with" })).toBeVisible();
  const rows = (
    await getTestDb().query<{ id: string; name: string; purpose: string; dataCategories: string[]; kind: string }>(
      `SELECT id, name, purpose, "dataCategories", kind::text FROM "SharingRegisterEntry" WHERE "endsOn" IS NULL OR "endsOn" > now()`,
    )
  ).rows;
  expect(rows.length).toBeGreaterThanOrEqual(6);
  for (const row of rows) {
    const entry = page.locator(`[data-entry="${row.id}"]`);
    await expect(entry.locator('[data-field="name"]')).toHaveText(row.name);
    await expect(entry.locator('[data-field="purpose"]')).toHaveText(row.purpose);
    await expect(entry.locator('[data-field="data"]')).toHaveText(row.dataCategories.join(", "));
  }
  await expect(page.locator("[data-entry]")).toHaveCount(rows.length);
  const section = (key: string) => page.locator(`[data-section="${key}"]`);
  await expect(section("aggregate")).toContainText("Cloud Native Computing Foundation");
  await expect(section("service-providers")).toContainText("Mailgun");
  await expect(section("affiliates")).toContainText("Mesosphere");
  await expect(section("third-parties")).toContainText("X Corp.");
  await expectAccessible(page);
});

test("the statistics never show a number under k", async ({ page }) => {
  const k = 10;
  // A week after the demo data's anchor, so its weeks are complete.
  await page.setExtraHTTPHeaders({ "x-test-now": "2026-11-25T12:00:00.000Z" });
  await page.goto("/privacy/statistics");
  await expect(page.getByTestId("k-rule").first()).toContainText(`fewer than ${k} different installs`);
  const values = await page
    .locator("[data-cell]")
    .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-cell"))));
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) {
    expect(value).toBeGreaterThanOrEqual(k);
    expect(value % k).toBe(0);
  }
  // Every version shown stands for at least k distinct installs that week (checked against the reports).
  for (const cell of await page.getByTestId("versions").locator("tr[data-week] [data-answer]").all()) {
    const label = (await cell.getAttribute("data-answer"))!;
    if (label === "Other") continue;
    const start = await cell.locator("xpath=ancestor::tr[1]").getAttribute("data-week");
    const installs = await queryCount(
      `SELECT count(DISTINCT "clusterId") FROM (SELECT DISTINCT ON ("clusterId") "clusterId", payload->>'version' AS v FROM "TelemetryReport" WHERE "receivedAt" >= $1::date AND "receivedAt" < $1::date + 7 AND payload ? 'version' ORDER BY "clusterId", "receivedAt" DESC) t WHERE v = $2`,
      [start, label],
    );
    expect(installs, `${start} ${label}`).toBeGreaterThanOrEqual(k);
  }
  // A feature only one install uses is never named; small ones are merged into "Other".
  await expect(page.getByText("gpu-scheduling")).toHaveCount(0);
  await expect(page.getByRole("figure", { name: "Feature: Other" })).toBeVisible();
  await expectAccessible(page);
});
