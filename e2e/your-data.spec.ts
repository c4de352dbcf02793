// "Your data": overview counts, category pages (keyset pagination, filters),
// and refusal of other people's items.
import AxeBuilder from "@axe-core/playwright";
import { expect, queryCount, queryOne, test } from "./fixtures";

const SQL_COUNTS: Record<string, string> = {
  profile: `SELECT (SELECT count(*) FROM "User" WHERE id = $1) + (SELECT count(*) FROM "Profile" WHERE "userId" = $1) AS count`,
  "linked-accounts": `SELECT count(*) FROM "Account" WHERE "userId" = $1`,
  email: `SELECT (SELECT count(*) FROM "EmailSubscription" WHERE "userId" = $1) + (SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1) AS count`,
  "server-logs": `SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1`,
  telemetry: `SELECT (SELECT count(*) FROM "Cluster" WHERE "userId" = $1) + (SELECT count(*) FROM "TelemetryReport" WHERE "userId" = $1) AS count`,
  "crash-reports": `SELECT count(*) FROM "CrashReport" WHERE "userId" = $1`,
  "third-party": `SELECT count(*) FROM "ThirdPartyRecord" WHERE "userId" = $1`,
  inferences: `SELECT count(*) FROM "Inference" WHERE "userId" = $1`,
};

async function userId(email: string) {
  return (await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))!.id;
}

test.describe("Your data", () => {
  test("the overview lists every category with exact counts; its page says the policy in force", async ({
    page,
    signIn,
  }) => {
    await signIn(page, "alice@example.com");
    await page
      .getByRole("navigation", { name: "Your privacy center" })
      .getByRole("link", { name: "Your data" })
      .click();
    await expect(page.getByRole("heading", { name: "Your data", level: 1 })).toBeVisible();
    const alice = await userId("alice@example.com");
    await expect(
      page
        .getByRole("list", { name: "Data categories" })
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { level: 3 }) }),
    ).toHaveCount(11); // ten account categories and "contacts" (newsletter, events, contact messages by address)
    // The seed's numbers, and the database's (the seed gives alice 1,200 server-log rows and 800 telemetry rows).
    await expect(page.getByTestId("category-server-logs").getByTestId("category-total")).toHaveText("1,200 records");
    for (const [slug, sql] of Object.entries(SQL_COUNTS)) {
      const expected = await queryCount(sql, [alice]);
      await expect(page.getByTestId(`category-${slug}`).getByTestId("category-total"), slug).toHaveText(
        `${expected.toLocaleString("en")} record${expected === 1 ? "" : "s"}`,
      );
    }
    // How, why, shared with, kept for and the policy in force are on each category's page.
    await page.getByTestId("category-server-logs").getByRole("link", { name: "Server-log records" }).click();
    await expect(page).toHaveURL(/\/account\/data\/server-logs$/);
    await expect(page.getByText("Collected automatically")).toBeVisible();
    await expect(page.getByText(/Amazon Web Services/).first()).toBeVisible();
    await expect(page.getByText(/180 days/).first()).toBeVisible();
    await expect(page.getByTestId("count-server-logs")).toHaveText("1,200");
    await page.goto("/account/data/telemetry");
    await expect(page.getByTestId("count-telemetry-reports")).toContainText("800");
    await expect(page.getByTestId("count-clusters")).toContainText("2");
    // Alice's profile was collected under privacy policy v1; her logs under v2.
    await page.goto("/account/data/profile");
    await expect(page.getByRole("link", { name: "Privacy Policy v1" }).first()).toHaveAttribute(
      "href",
      "/policies/privacy/v/1",
    );
    await page.goto("/account/data/server-logs");
    await page.getByRole("link", { name: "Privacy Policy v2" }).first().click();
    await expect(page).toHaveURL(/\/policies\/privacy\/v\/2$/);
    await expect(page.getByText("Version 2")).toBeVisible();
  });

  test("a category page paginates by keyset and filters by date, page, IP and device", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com");
    const alice = await userId("alice@example.com");
    await page.goto("/account/data/server-logs");
    const rows = page.getByTestId("records").locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await expect(page.getByTestId("record-count")).toHaveText("1,200 records");
    const newest = await queryOne<{ id: string }>(
      `SELECT id::text FROM "ServerLogRecord" WHERE "userId" = $1 ORDER BY "occurredAt" DESC, id DESC LIMIT 1`,
      [alice],
    );
    await expect(rows.first()).toHaveAttribute("data-row-id", newest!.id);
    const firstPageIds = await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute("data-row-id")),
    );

    await page.getByRole("link", { name: "Older", exact: true }).click();
    await expect(page).toHaveURL(/page=next/);
    await expect(rows).toHaveCount(50);
    const secondPageIds = await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute("data-row-id")),
    );
    expect(secondPageIds.filter((id) => firstPageIds.includes(id))).toEqual([]);
    const dbSecond = await queryOne<{ ids: string[] }>(
      `SELECT array_agg(id::text) AS ids FROM (SELECT id FROM "ServerLogRecord" WHERE "userId" = $1 ORDER BY "occurredAt" DESC, id DESC OFFSET 50 LIMIT 50) s`,
      [alice],
    );
    expect(secondPageIds).toEqual(dbSecond!.ids);

    await page.getByRole("link", { name: "Newer", exact: true }).click();
    await expect(rows.first()).toHaveAttribute("data-row-id", newest!.id);
    expect(
      await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-row-id"))),
    ).toEqual(firstPageIds);

    await page.getByRole("link", { name: "Oldest", exact: true }).click();
    const oldest = await queryOne<{ id: string }>(
      `SELECT id::text FROM "ServerLogRecord" WHERE "userId" = $1 ORDER BY "occurredAt" ASC, id ASC LIMIT 1`,
      [alice],
    );
    await expect(rows.last()).toHaveAttribute("data-row-id", oldest!.id);
    await expect(page.getByRole("link", { name: "Older", exact: true })).toHaveCount(0);

    // Filters: page, then IP and device, then a date range.
    await page.goto("/account/data/server-logs");
    await page.getByLabel("Page", { exact: true }).fill("/docs/cli");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const cliCount = await queryCount(
      `SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1 AND path = '/docs/cli'`,
      [alice],
    );
    await expect(page.getByTestId("record-count")).toHaveText(
      `${cliCount.toLocaleString("en")} records match your filters`,
    );
    // The "What" column: "Viewed /docs/cli" (the method in words, then the page).
    for (const cell of await rows.locator("td:nth-child(2)").allInnerTexts()) expect(cell).toMatch(/ \/docs\/cli$/);

    const sample = await queryOne<{ ip: string; deviceId: string }>(
      `SELECT ip, "deviceId" FROM "ServerLogRecord" WHERE "userId" = $1 ORDER BY id LIMIT 1`,
      [alice],
    );
    await page.goto(
      `/account/data/server-logs?ip=${encodeURIComponent(sample!.ip)}&device=${encodeURIComponent(sample!.deviceId)}`,
    );
    const ipDeviceCount = await queryCount(
      `SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1 AND ip = $2 AND "deviceId" = $3`,
      [alice, sample!.ip, sample!.deviceId],
    );
    await expect(page.getByTestId("record-count")).toHaveText(
      `${ipDeviceCount.toLocaleString("en")} record${ipDeviceCount === 1 ? "" : "s"} match your filters`,
    );

    await page.goto("/account/data/server-logs");
    await page.getByLabel("From date").fill("2026-11-01");
    await page.getByLabel("To date").fill("2026-11-10");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const rangeCount = await queryCount(
      `SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1 AND "occurredAt" >= '2026-11-01' AND "occurredAt" < '2026-11-11'`,
      [alice],
    );
    expect(rangeCount).toBeGreaterThan(0);
    await expect(page.getByTestId("record-count")).toHaveText(
      `${rangeCount.toLocaleString("en")} records match your filters`,
    );

    // A bad date or a forged cursor does not break the page.
    await page.goto("/account/data/server-logs?from=yesterday");
    await expect(page.getByRole("status").filter({ hasText: "check the filters" })).toBeVisible();
    await page.goto("/account/data/server-logs?page=next&cursor=not-a-cursor");
    await expect(page.getByText("no longer valid")).toBeVisible();
    await expect(rows).toHaveCount(50);
  });

  test("another person's records stay invisible, by filter or by id", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com");
    const bob = await userId("bob@example.com");
    const bobReport = await queryOne<{ id: string }>(
      `SELECT id::text FROM "TelemetryReport" WHERE "userId" = $1 LIMIT 1`,
      [bob],
    );
    await page.goto("/account/data/telemetry?dataset=telemetry-reports&cluster=b0b00000-prod-0003");
    await expect(page.getByText("No records match these filters.")).toBeVisible();
    const response = await page.goto(`/account/data/correction?dataset=telemetry-reports&id=${bobReport!.id}`);
    expect(response!.status()).toBe(404);
    const bobCluster = await page.goto(`/account/data/correction?dataset=clusters&id=b0b00000-prod-0003`);
    expect(bobCluster!.status()).toBe(404);
    expect((await page.goto("/account/data/no-such-category"))!.status()).toBe(404);
  });

  test("the pages pass an automated accessibility check (WCAG 2.2 AA)", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com");
    const alice = await userId("alice@example.com");
    const inference = await queryOne<{ id: string }>(`SELECT id FROM "Inference" WHERE "userId" = $1 LIMIT 1`, [alice]);
    for (const path of [
      "/account/data",
      "/account/data/server-logs",
      "/account/data/telemetry?dataset=telemetry-reports",
      "/account/profile",
      `/account/data/correction?dataset=inferences&id=${inference!.id}`,
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
      const serious = results.violations.filter(
        (violation) => violation.impact === "serious" || violation.impact === "critical",
      );
      expect(serious.map((violation) => `${path}: ${violation.id} ${violation.nodes[0]?.target}`)).toEqual([]);
    }
  });

  test("signed-out visitors are sent to sign in", async ({ page }) => {
    await page.goto("/account/data/server-logs");
    await expect(page).toHaveURL(/\/signin/);
  });
});
