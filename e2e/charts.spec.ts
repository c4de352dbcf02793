// Pictures where people would rather look than read (issue 21, items 5 and 9): each chart
// is named and described, and its numbers are in a table behind "Show as table"; the
// timeline's numbers are the database's, a bar opens that month of that category; the
// flow map shows every party of the sharing register; the dashboard's open count is the
// queue's (withdrawn requests left out), its tiles open the filtered queue, and a breach
// campaign's figures add up to its recipients.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { categories } from "../lib/data/registry";
import { createUser, expect, getTestDb, queryOne, test, uniqueEmail } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
// The demo data's anchor: a fixed "now" so the timeline's 24 months do not move during the run.
const NOW = "2026-11-25T12:00:00.000Z";
const WINDOW = { from: "2024-12-01", to: "2026-12-01" };

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(
    results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

/** A chart: a named figure, an SVG picture with the same name and a description, and a table behind a toggle. */
async function expectChart(page: Page, name: string) {
  const figure = page.getByRole("figure", { name });
  await expect(figure).toBeVisible();
  // The picture: an img, or a group when its parts are links (the timeline's bars).
  const picture = figure.locator("svg[aria-labelledby]").first();
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAccessibleName(name);
  expect(["img", "group"]).toContain(await picture.getAttribute("role"));
  expect(((await picture.getAttribute("aria-describedby")) ?? "").length).toBeGreaterThan(0);
  await expect(picture).toHaveAccessibleDescription(/\S{3,}/);
  const toggle = figure.locator("summary", { hasText: "Show as table" });
  await expect(toggle).toBeVisible();
  const table = figure.getByRole("table");
  await expect(table).toBeHidden();
  await toggle.click();
  await expect(table).toBeVisible();
  return figure;
}

test.describe("charts", () => {
  test("the timeline on Your data has the database's numbers per month and a bar opens that month", async ({
    page,
    signIn,
  }) => {
    test.setTimeout(120_000);
    await page.setExtraHTTPHeaders({ "x-test-now": NOW });
    await signIn(page, "alice@example.com");
    await page.goto("/account/data");
    const figure = await expectChart(page, "Records collected per month");
    const alice = (await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = 'alice@example.com'`))!.id;

    // The database's counts per category and month, straight from each dataset's table.
    const expected = new Map<string, number>();
    for (const category of categories)
      for (const dataset of category.datasets) {
        const { rows } = await getTestDb().query<{ m: string; n: string }>(
          `SELECT to_char(${dataset.time}, 'YYYY-MM') AS m, count(*) AS n FROM ${dataset.from}
            WHERE ${dataset.owner} = $1 AND ${dataset.time} >= $2::timestamp AND ${dataset.time} < $3::timestamp GROUP BY 1`,
          [alice, WINDOW.from, WINDOW.to],
        );
        for (const row of rows)
          expected.set(`${category.slug}|${row.m}`, (expected.get(`${category.slug}|${row.m}`) ?? 0) + Number(row.n));
      }
    const rows = figure.locator("tr[data-month]");
    await expect(rows).toHaveCount(24);
    const shown = await rows.evaluateAll((elements) =>
      elements.map((row) => ({
        month: row.getAttribute("data-month")!,
        label: row.querySelector("th")!.textContent!.trim(),
        total: Number(row.getAttribute("data-total")),
        cells: [...row.querySelectorAll("[data-category]")].map((cell) => ({
          category: cell.getAttribute("data-category")!,
          count: Number(cell.getAttribute("data-count")),
        })),
      })),
    );
    expect(shown[0].month).toBe("2026-11");
    expect(shown.at(-1)!.month).toBe("2024-12");
    let sum = 0;
    for (const month of shown) {
      for (const cell of month.cells)
        expect(cell.count, `${cell.category} ${month.month}`).toBe(
          expected.get(`${cell.category}|${month.month}`) ?? 0,
        );
      const total = [...expected.entries()]
        .filter(([key]) => key.endsWith(`|${month.month}`))
        .reduce((total, [, count]) => total + count, 0);
      expect(month.total, month.month).toBe(total);
      sum += total;
    }
    expect(sum).toBeGreaterThan(0);
    // One month's server logs, counted on their own.
    const busy = shown.find((month) => month.cells.some((cell) => cell.category === "server-logs" && cell.count > 0))!;
    const logs = busy.cells.find((cell) => cell.category === "server-logs")!.count;
    const [year, month] = busy.month.split("-").map(Number);
    expect(
      Number(
        (await queryOne<{ n: string }>(
          `SELECT count(*) AS n FROM "ServerLogRecord" WHERE "userId" = $1 AND "occurredAt" >= $2 AND "occurredAt" < $3`,
          [alice, `${busy.month}-01`, new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10)],
        ))!.n,
      ),
    ).toBe(logs);

    // The bar of that month's server logs opens the category filtered to the month.
    const bar = figure.locator(`svg a:has(rect[data-column="${busy.month}"][data-series="server-logs"])`);
    const logsTitle = categories.find((category) => category.slug === "server-logs")!.title;
    await expect(bar).toHaveAttribute(
      "aria-label",
      `${busy.label}, ${logsTitle}: ${logs.toLocaleString("en-GB")} record${logs === 1 ? "" : "s"}`,
    );
    await bar.click();
    await expect(page).toHaveURL(new RegExp(`/account/data/server-logs\\?month=${busy.month}$`));
    await expect(page.getByLabel("From date")).toHaveValue(`${busy.month}-01`);
    await expect(page.getByTestId("record-count")).toHaveText(
      `${logs.toLocaleString("en-GB")} record${logs === 1 ? "" : "s"} match your filters`,
    );
    // A month that is not one is ignored, never an error.
    await page.goto("/account/data/server-logs?month=2026-13");
    await expect(page.getByLabel("From date")).toHaveValue("");
  });

  test("the data-flow map shows every party of the register, on the public page and on Your data", async ({
    page,
    signIn,
  }) => {
    await page.goto("/privacy/sharing");
    const figure = await expectChart(page, "Where data goes");
    const { rows: entries } = await getTestDb().query<{ name: string; purpose: string }>(
      `SELECT name, purpose FROM "SharingRegisterEntry" WHERE "endsOn" IS NULL OR "endsOn" > now()`,
    );
    const table = figure.getByRole("table");
    for (const entry of entries) {
      await expect(table.getByRole("row").filter({ hasText: entry.name }).first()).toContainText(entry.purpose);
    }
    // Server logs go to the hosting company (registry tag "server logs" ↔ the register).
    await expect(table.getByRole("row").filter({ hasText: "Amazon Web Services" }).first()).toBeVisible();
    await expect(figure.locator("svg [data-node^='recipient:']")).toHaveCount(entries.length);
    await expectAccessible(page);

    // A new person with one kind of data sees only that kind on their map.
    const email = uniqueEmail("flow");
    const userId = await createUser(email);
    await getTestDb().query(
      `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) VALUES ($1, now(), '192.0.2.9', '/docs')`,
      [userId],
    );
    await signIn(page, email);
    await page.goto("/account/data");
    const own = await expectChart(page, "Where your data goes");
    const categoriesShown = (await own.locator("tr[data-flow-path] th").allTextContents()).map((text) => text.trim());
    const title = (slug: string) => categories.find((category) => category.slug === slug)!.title;
    // Their account (profile) and their server logs are shared; their preferences are not.
    expect(new Set(categoriesShown)).toEqual(new Set([title("profile"), title("server-logs")]));
    await expect(own).toContainText(`Not shared with anyone: ${title("consent")}`);
  });

  test("statistics are small charts by week, with empty weeks said plainly", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "x-test-now": NOW });
    await page.goto("/privacy/statistics");
    await expectChart(page, "Installs that reported");
    await expectChart(page, "Product versions");
    const features = page.getByRole("figure", { name: /^Feature:/ });
    expect(await features.count()).toBeGreaterThan(0);
    // The page no longer repeats a table per week in view.
    await expect(page.getByRole("heading", { name: /^Week of/ })).toHaveCount(0);
    await expectAccessible(page);
    // A week far back has no reports: said in words.
    await page.setExtraHTTPHeaders({ "x-test-now": "2001-01-10T00:00:00.000Z" });
    await page.goto("/privacy/statistics");
    await expect(page.getByText(/Not enough installs have reported/)).toBeVisible();
  });

  test("the dashboard's open count is the queue's, withdrawn requests left out; its tiles open the queue", async ({
    page,
    signIn,
  }) => {
    test.setTimeout(180_000);
    // A withdrawn request and one waiting for its address to be confirmed: neither is open in the queue.
    const userId = await createUser(uniqueEmail("withdrawn"));
    for (const status of ["WITHDRAWN", "AWAITING_VERIFICATION"])
      await getTestDb().query(
        `INSERT INTO "PrivacyRequest" (id, "userId", type, status, "isOpen", details, "dueAt", "createdAt", "updatedAt")
         VALUES ('e2e' || md5(random()::text), $1, 'ACCESS', $2::"RequestStatus", $3, 'charts', now() + interval '30 days', now(), now())`,
        [userId, status, status !== "WITHDRAWN"],
      );
    await signIn(page, "admin@example.com");
    const dashboardOpen = async () => {
      await page.goto("/admin");
      return Number((await page.getByTestId("tile-open").locator("[data-value]").getAttribute("data-value")) ?? NaN);
    };
    const queueOpen = async () => {
      let count = 0;
      for (let pageNumber = 1; ; pageNumber++) {
        await page.goto(`/admin/requests?page=${pageNumber}`);
        const rows = page.getByRole("table", { name: "Privacy requests" }).locator("tbody tr");
        count += await rows.count();
        if ((await page.getByRole("link", { name: "Next" }).count()) === 0) return count;
      }
    };
    // Other tests file requests meanwhile: compare when the dashboard holds still around a count of the queue.
    await expect
      .poll(
        async () => {
          const before = await dashboardOpen();
          const queue = await queueOpen();
          const after = await dashboardOpen();
          return before === after ? before - queue : "moving";
        },
        { timeout: 120_000 },
      )
      .toBe(0);

    await page.goto("/admin");
    await expectChart(page, "Requests received and closed per week");
    await expect(page.getByTestId("tile-open").getByRole("link")).toHaveAttribute("href", "/admin/requests");
    await expect(page.getByTestId("tile-overdue").getByRole("link")).toHaveAttribute(
      "href",
      "/admin/requests?overdue=1",
    );
    await expect(page.getByTestId("tile-due-soon").getByRole("link")).toHaveAttribute(
      "href",
      "/admin/requests?within=7",
    );
    const overdue = Number(await page.getByTestId("tile-overdue").locator("[data-value]").getAttribute("data-value"));
    await page.getByTestId("tile-overdue").getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/requests\?overdue=1$/);
    if (overdue < 50)
      await expect(page.getByRole("table", { name: "Privacy requests" }).locator("tbody tr")).toHaveCount(overdue);
    await expectAccessible(page.context().pages()[0]);
  });

  test("a breach campaign's figures add up to its recipients, on the breach page and the dashboard", async ({
    page,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const people = [uniqueEmail("figures-a"), uniqueEmail("figures-b"), uniqueEmail("figures-c")];
    for (const email of people) await createUser(email, { name: "Sam Person" });
    await signIn(page, "admin@example.com");
    await page.goto("/admin/breaches/new");
    const title = `Figures ${Date.now()}`;
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("What happened").fill("A laptop with a support export was stolen from a car.");
    await page.getByLabel("When it happened (or began)").fill(day(4));
    await page.getByLabel("Date discovered").fill(day(2));
    await page.getByLabel("What data was involved").fill("Names and email addresses.");
    await page.getByLabel("What we did").fill("Wiped the laptop remotely.");
    await page.getByLabel("What people should do").fill("Nothing; be wary of unexpected email.");
    await page.getByLabel("Contact for questions").fill("privacy@example.com");
    await page.getByLabel("A list of email addresses").check();
    await page.getByLabel("Affected addresses").fill(people.join("\n"));
    await page.getByRole("button", { name: "Save draft and preview" }).click();
    await expect(page).toHaveURL(/\/admin\/breaches\/[a-z0-9]+\?saved=1$/, { timeout: 30_000 });
    const breachId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByLabel(/I checked the preview/).check();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Send the breach notice" }).click();
    await expect(page.getByRole("heading", { name: "Progress" })).toBeVisible();

    const figures = async (scope: ReturnType<Page["locator"]>) => {
      const read = async (key: string) => {
        const cell = scope.locator(`[data-figure="${key}"]`);
        return (await cell.count()) ? Number((await cell.innerText()).replace(/[^\d]/g, "")) : 0;
      };
      return {
        recipients: await read("recipients"),
        sent: await read("sent"),
        failed: await read("failed"),
        cancelled: await read("cancelled"),
        remaining: await read("remaining"),
      };
    };
    const campaign = (await queryOne<{ id: string }>(`SELECT id FROM "NoticeCampaign" WHERE "breachId" = $1`, [
      breachId,
    ]))!;
    // Whenever the page is looked at, while sending and after, the parts add up to the recipients.
    await expect
      .poll(
        async () => {
          await page.goto(`/admin/breaches/${breachId}`);
          const shown = await figures(page.locator(`[data-campaign="${campaign.id}"]`));
          expect(shown.sent + shown.failed + shown.cancelled + shown.remaining).toBe(shown.recipients);
          return shown;
        },
        { timeout: 60_000 },
      )
      .toEqual({ recipients: 3, sent: 3, failed: 0, cancelled: 0, remaining: 0 });
    await expect(
      page.getByRole("img", { name: /Progress: 3 recipients: 3 sent, 0 failed, 0 remaining/ }),
    ).toBeVisible();
    // The dashboard lists the campaign with the same figures.
    await page.goto("/admin");
    const onDashboard = page.locator(`[data-campaign="${campaign.id}"]`);
    await expect(onDashboard).toBeVisible();
    expect(await figures(onDashboard)).toEqual({ recipients: 3, sent: 3, failed: 0, cancelled: 0, remaining: 0 });
  });

  test("on a phone the wide charts show the newest period first", async ({ page, signIn }) => {
    test.setTimeout(120_000);
    // A record in the newest month of the timeline (the clock's month), so it has a bar there.
    const email = uniqueEmail("charts-phone");
    const userId = await createUser(email);
    await getTestDb().query(
      `INSERT INTO "Inference" (id, "userId", kind, value, basis, "inferredAt") VALUES ($1, $2, 'country', 'X', 'test', $3)`,
      [`e2einf${userId}`, userId, NOW],
    );
    await page.setExtraHTTPHeaders({ "x-test-now": NOW });
    await page.setViewportSize(PHONE);
    await signIn(page, email);
    await page.goto("/account/data");
    // The pictures start closed on a phone.
    const pictures = page.locator("details", { has: page.locator("figure") }).first();
    if ((await pictures.getAttribute("open")) === null) await pictures.locator("summary").first().click();
    const figure = page.getByRole("figure", { name: "Records collected per month" });
    await expect(figure).toBeVisible();
    const newest = figure.locator('svg rect[data-column="2026-11"]');
    await expect(newest).toHaveCount(1);
    const box = (await newest.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // The oldest months are the ones out of view (to the left), to scroll to.
    expect((await figure.locator("svg[aria-labelledby]").first().boundingBox())!.x).toBeLessThan(0);

    // The admin dashboard's weekly chart: its right end (the newest week) is in view.
    await signIn(page, "admin@example.com");
    await page.goto("/admin");
    for (const svg of await page.locator("figure svg[aria-labelledby]").all()) {
      const chart = (await svg.boundingBox())!;
      expect(chart.x + chart.width, (await svg.getAttribute("aria-labelledby")) ?? "chart").toBeLessThanOrEqual(
        PHONE.width + 1,
      );
    }
  });

  test("the changed pages pass axe on a phone", async ({ page, signIn }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(PHONE);
    for (const path of ["/privacy/sharing", "/privacy/statistics"]) {
      await page.goto(path);
      await expectAccessible(page);
    }
    await signIn(page, "alice@example.com");
    await page.goto("/account/data");
    await expectAccessible(page);
    await signIn(page, "admin@example.com");
    for (const path of ["/admin", "/admin/notices"]) {
      await page.goto(path);
      await expectAccessible(page);
    }
  });
});
