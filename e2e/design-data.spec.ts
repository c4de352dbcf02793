// Issue 21 (items 3, 4, 6, 9): tables that fit at 1280 px and become labelled cards on a
// phone, "Your data" at a glance, words for people instead of database tokens, and
// the side navigation that says where you are.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { createUser, expect, queryOne, test, uniqueEmail } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function expectNoSeriousAxe(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`),
  ).toEqual([]);
}

/** The table's scroll region shows all of it: nothing to scroll sideways to. */
async function expectFits(table: Locator) {
  const region = table.locator("xpath=ancestor::*[@role='region'][1]");
  const { scroll, client } = await region.evaluate((element) => ({
    scroll: element.scrollWidth,
    client: element.clientWidth,
  }));
  expect(scroll, "table wider than its box").toBeLessThanOrEqual(client + 1);
}

/** Every labelled value of the row shows its label inside the screen, and the row's action is on screen. */
async function expectLabelledCard(page: Page, row: Locator, width: number) {
  const cells = await row.locator("td, th").evaluateAll((elements) =>
    elements.map((cell) => {
      const box = cell.getBoundingClientRect();
      return {
        label: cell.getAttribute("data-label"),
        shown: getComputedStyle(cell, "::before").content,
        action: cell.classList.contains("table-actions"),
        right: box.right,
        left: box.left,
        visible: box.width > 0 && box.height > 0 && getComputedStyle(cell).visibility !== "hidden",
      };
    }),
  );
  const headers = await row
    .locator("xpath=ancestor::table[1]/thead//th")
    .evaluateAll((elements) =>
      elements.filter((th) => !th.classList.contains("table-actions")).map((th) => th.textContent?.trim()),
    );
  const data = cells.filter((cell) => !cell.action);
  expect(data.map((cell) => cell.label)).toEqual(headers);
  for (const cell of data) {
    expect(cell.shown, `label of ${cell.label}`).toBe(`"${cell.label}"`);
    expect(cell.visible, `${cell.label} visible`).toBe(true);
    expect(cell.left, `${cell.label} on screen`).toBeGreaterThanOrEqual(0);
    expect(cell.right, `${cell.label} on screen`).toBeLessThanOrEqual(width);
  }
}

test.describe("tables that fit", () => {
  for (const path of [
    "/account/data/server-logs",
    "/account/data/inferences",
    "/account/data/telemetry?dataset=telemetry-reports",
    "/account/data/email?dataset=email-events",
  ]) {
    test(`at 1280 px ${path} needs no sideways scrolling and its row action is in view`, async ({ page, signIn }) => {
      test.setTimeout(180_000); // axe over fifty rows on a busy machine
      await signIn(page, "alice@example.com");
      await page.setViewportSize(DESKTOP);
      await page.goto(path);
      const table = page.getByTestId("records");
      await expect(table.locator("tbody tr").first()).toBeVisible();
      await expectFits(table);
      for (const header of await table.locator("thead th").all()) {
        const box = (await header.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(DESKTOP.width);
      }
      // The row's action sits inside the table's box (no sideways scrolling to reach it).
      const report = table
        .locator("tbody tr")
        .first()
        .getByRole("link", { name: /This is wrong/ });
      await expect(report).toBeVisible();
      const region = (await table.locator("xpath=ancestor::*[@role='region'][1]").boundingBox())!;
      const action = (await report.boundingBox())!;
      expect(action.x + action.width).toBeLessThanOrEqual(region.x + region.width);
      await expectNoSeriousAxe(page);
    });
  }

  test("Your data's privacy requests fit at 1280 px and are labelled cards on a phone whose row opens the request", async ({
    page,
    signIn,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, "alice@example.com");
    await page.setViewportSize(DESKTOP);
    await page.goto("/account/data/requests");
    const table = page.getByTestId("records");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await expectFits(table);
    const region = (await table.locator("xpath=ancestor::*[@role='region'][1]").boundingBox())!;
    const open = table.locator("tbody tr").first().getByRole("link", { name: /^Open/ });
    await expect(open).toBeVisible();
    const action = (await open.boundingBox())!;
    expect(action.x + action.width).toBeLessThanOrEqual(region.x + region.width);
    await expectNoSeriousAxe(page);

    await page.setViewportSize(PHONE);
    await page.goto("/account/data/requests");
    const row = page.getByTestId("records").locator("tbody tr").first();
    await expect(row).toBeVisible();
    await expectLabelledCard(page, row, PHONE.width);
    const id = await row.getAttribute("data-row-id");
    await row.getByRole("link", { name: /^Open/ }).click();
    await expect(page).toHaveURL(new RegExp(`/account/requests/${id}$`));
  });

  // The last axe findings of the design pass: 16 px radios on the new breach form, and the
  // telemetry page's command block that scrolled sideways on a phone without taking focus.
  for (const viewport of [DESKTOP, PHONE]) {
    test(`the breach form and the telemetry page pass axe at ${viewport.width} px`, async ({ page, signIn }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      await signIn(page, "alice@example.com");
      await page.goto("/account/preferences/telemetry");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousAxe(page);
      await signIn(page, "admin@example.com");
      await page.goto("/admin/breaches/new");
      await expect(page.getByRole("radiogroup", { name: "Who is affected" })).toBeVisible();
      await expectNoSeriousAxe(page);
      // The other audiences' fields, shown by their choice, pass too.
      await page.getByRole("radio", { name: /chosen categories/ }).check();
      await expectNoSeriousAxe(page);
    });
  }

  test("telemetry statistics open in a details view, not a tooltip", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com");
    await page.setViewportSize(DESKTOP);
    await page.goto("/account/data/telemetry?dataset=telemetry-reports");
    const row = page.getByTestId("records").locator("tbody tr").first();
    const details = row.locator("details");
    await expect(details).toHaveCount(1);
    await expect(row.locator("[title]")).toHaveCount(0);
    await details.locator("summary").click();
    await expect(details.getByText(/uptime/i)).toBeVisible();
  });

  test("on a phone every column is labelled and the row actions work", async ({ page, signIn }) => {
    test.setTimeout(180_000); // axe over two pages of fifty cards
    await signIn(page, "alice@example.com");
    await page.setViewportSize(PHONE);
    for (const path of ["/account/data/server-logs", "/account/data/telemetry?dataset=telemetry-reports"]) {
      await page.goto(path);
      const row = page.getByTestId("records").locator("tbody tr").first();
      await expect(row).toBeVisible();
      await expectLabelledCard(page, row, PHONE.width);
      await expect(row.getByRole("link", { name: /This is wrong/ })).toBeVisible();
      await expectNoSeriousAxe(page);
    }
    await page.goto("/account/requests");
    const request = page.getByRole("table", { name: "Your privacy requests" }).locator("tbody tr").first();
    await expect(request).toBeVisible();
    await expectLabelledCard(page, request, PHONE.width);
    await expect(request.getByText("Status", { exact: true })).toHaveCount(0); // labels are CSS, values are text
    await request.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/account\/requests\/[^/]+$/);
  });

  test("on a phone the public metrics show every figure with its label", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/privacy/metrics");
    const row = page.locator("[data-metric]").first();
    await expect(row).toBeVisible();
    await expectLabelledCard(page, row, PHONE.width);
    const median = row.locator('[data-label="Median days to respond"]');
    await median.scrollIntoViewIfNeeded();
    await expect(median).toBeInViewport();
    await expectNoSeriousAxe(page);
  });
});

test.describe("Your data at a glance", () => {
  test("the overview is a compact list of categories linking to their pages, under 2,500 px on a phone", async ({
    page,
    signIn,
  }) => {
    await signIn(page, "alice@example.com");
    await page.setViewportSize(PHONE);
    await page.goto("/account/data");
    // Measured as a returning visitor sees it: the cookie banner answered.
    const banner = page.getByRole("button", { name: "Necessary only" });
    if (await banner.isVisible()) await banner.click();
    await expect(banner).toBeHidden();
    const list = page.getByRole("list", { name: "Data categories" });
    await expect(list.getByRole("listitem")).toHaveCount(11);
    const logs = page.getByTestId("category-server-logs");
    await expect(logs.getByRole("link", { name: /Server-log records/ })).toHaveAttribute(
      "href",
      "/account/data/server-logs",
    );
    await expect(logs.getByTestId("category-total")).toHaveText("1,200 records");
    await expect(logs.getByText(/Last collected/)).toBeVisible();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(2500);
    await expectNoSeriousAxe(page);
    // How, why, shared with and kept for are on the category's page.
    await logs.getByRole("link", { name: /Server-log records/ }).click();
    await expect(page).toHaveURL(/\/account\/data\/server-logs$/);
    for (const term of ["How we got it", "Why", "Shared with", "Kept for"])
      await expect(page.getByText(term, { exact: true })).toBeVisible();
    await expect(page.getByText("180 days")).toBeVisible();
  });

  test("the export panel shows one state at a time: prepare, then ready with one download and its expiry", async ({
    page,
    signIn,
  }) => {
    await signIn(page, uniqueEmail("onestate"));
    await page.goto("/account/data");
    const panel = page.locator("#export");
    const downloads = panel.getByRole("link", { name: /download/i });
    await expect(panel.getByRole("button", { name: "Prepare my download" })).toBeVisible();
    await expect(downloads).toHaveCount(0);
    await panel.getByRole("button", { name: "Prepare my download" }).click();
    const download = panel.getByRole("link", { name: /^Download/ });
    await expect(download).toBeVisible({ timeout: 30_000 });
    await expect(downloads).toHaveCount(1);
    await expect(panel.getByText(/Available until/)).toBeVisible();
    await expect(panel.getByRole("button", { name: "Prepare my download" })).toHaveCount(0);
  });
});

// Tokens that are the database's words, not people's.
const RAW_TOKENS: [string, RegExp][] = [
  ["HTTP method", /\b(GET|POST|PUT|DELETE|PATCH|HEAD)\b/],
  ["enum constant", /\b[A-Z]{2,}_[A-Z_]{2,}\b/],
  ["snake_case key", /\b[a-z]+_[a-z_]+\b/],
  ["CLUSTER", /\bCLUSTER\b/],
  ["confidence number", /confidence\s*[:=]?\s*0?\.\d/i],
  ["raw id", /\bc[a-z0-9]{24}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/],
  ["ISO timestamp", /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
];

test.describe("words for people", () => {
  test("alice's pages show no database tokens, no duplicate headings and no duplicate columns", async ({
    page,
    signIn,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, "alice@example.com");
    const request = await queryOne<{ id: string }>(
      `SELECT r.id FROM "PrivacyRequest" r JOIN "User" u ON u.id = r."userId" WHERE u.email = $1 ORDER BY r."createdAt" LIMIT 1`,
      ["alice@example.com"],
    );
    const pages = [
      "/account",
      "/account/data",
      "/account/data/profile",
      "/account/data/profile?dataset=profile",
      "/account/data/linked-accounts",
      "/account/data/email",
      "/account/data/email?dataset=email-events",
      "/account/data/server-logs",
      "/account/data/telemetry",
      "/account/data/telemetry?dataset=telemetry-reports",
      "/account/data/crash-reports",
      "/account/data/third-party",
      "/account/data/inferences",
      "/account/data/consent",
      "/account/data/consent?dataset=consent-events",
      "/account/data/requests",
      "/account/data/requests?dataset=request-events",
      "/account/data/contacts",
      "/account/requests",
      `/account/requests/${request!.id}`,
      "/account/notices",
      "/account/delete",
    ];
    const problems: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      const main = page.locator("main");
      await expect(main).toBeVisible();
      const text = await main.innerText();
      for (const [name, pattern] of RAW_TOKENS) {
        const found = text.match(pattern);
        if (found) problems.push(`${path}: ${name} "${found[0]}"`);
      }
      const headings = (await main.locator("h1, h2").allInnerTexts()).map((heading) => heading.trim());
      const h1 = headings[0];
      if (headings.slice(1).includes(h1)) problems.push(`${path}: heading "${h1}" repeated`);
      for (const table of await main.locator("table").all()) {
        const columns = (await table.locator("thead th").allTextContents()).map((t) => t.trim()).filter(Boolean);
        const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
        if (repeated.length) problems.push(`${path}: columns repeated: ${repeated.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

test.describe("where am I", () => {
  test("the portal navigation marks the current section; Delete account looks destructive", async ({
    page,
    signIn,
  }) => {
    await signIn(page, "alice@example.com");
    const nav = page.getByRole("navigation", { name: "Your privacy center" });
    for (const [path, label] of [
      ["/account", "Overview"],
      ["/account/data", "Your data"],
      ["/account/data/server-logs", "Your data"],
      ["/account/requests/new", "Privacy requests"],
      ["/account/preferences/telemetry", "Telemetry"],
      ["/account/delete", "Delete account"],
    ] as const) {
      await page.goto(path);
      await expect(nav.locator('[aria-current="page"]'), path).toHaveCount(1);
      await expect(nav.getByRole("link", { name: label, exact: true }), path).toHaveAttribute("aria-current", "page");
    }
    const remove = nav.getByRole("link", { name: "Delete account", exact: true });
    // The computed colour may be lab()/oklch(): paint it to read it back as RGB.
    const [red, green, blue] = await remove.evaluate((element) => {
      const context = document.createElement("canvas").getContext("2d")!;
      context.fillStyle = getComputedStyle(element).color;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    });
    expect(red, `Delete account colour ${red},${green},${blue}`).toBeGreaterThan(green + 60);
    expect(red).toBeGreaterThan(blue + 60);
    await expectNoSeriousAxe(page);

    // The overview's cards are links, Preferences included.
    await page.goto("/account");
    await page.getByRole("link", { name: /^Preferences/ }).click();
    await expect(page).toHaveURL(/\/account\/preferences\//);
  });

  test("the admin navigation marks the current section", async ({ page, signIn }) => {
    await signIn(page, "admin@example.com");
    const nav = page.getByRole("navigation", { name: "Admin" });
    for (const [path, label] of [
      ["/admin", "Overview"],
      ["/admin/requests", "Privacy requests"],
      ["/admin/audit", "Audit log"],
      ["/admin/retention", "Retention"],
    ] as const) {
      await page.goto(path);
      await expect(nav.locator('[aria-current="page"]'), path).toHaveCount(1);
      await expect(nav.getByRole("link", { name: label, exact: true }), path).toHaveAttribute("aria-current", "page");
    }
  });

  test("the audit log reads as sentences with the details behind a disclosure; emails do not wrap letter by letter", async ({
    page,
    signIn,
  }) => {
    await signIn(page, "admin@example.com");
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto("/admin/audit?action=auth.sign_in");
      const table = page.getByTestId("audit-table");
      const row = table.locator("tbody tr").first();
      await expect(row).toBeVisible();
      await expect(row).toContainText(/signed in/);
      // No raw JSON or action codes in view until the details are opened.
      const visible = await table.evaluate((element) => (element as HTMLElement).innerText);
      expect(visible).not.toMatch(/[{}]|auth\.sign_in/);
      const details = row.locator("details");
      await details.locator("summary").click();
      await expect(details).toHaveAttribute("open", "");
      await expect(details).toContainText("auth.sign_in");
      await expectFits(table);
      // An email address keeps whole lines: never taller than three lines of text.
      const email = row.getByText(/@example\.(com|test)/).first();
      const box = (await email.boundingBox())!;
      expect(box.height).toBeLessThan(70);
      await expectNoSeriousAxe(page);
    }
  });
});

test.describe("the admin dashboard's recent audit log", () => {
  test("reads as sentences, with no action codes or account ids, and links to the full log", async ({
    page,
    signIn,
  }) => {
    const email = uniqueEmail("audit-dash");
    const userId = await createUser(email);
    // Audit rows name people by their pseudonymous reference (PersonKey), resolved to the address on display.
    const ref = `p_e2e${userId.slice(3)}`;
    await queryOne(`INSERT INTO "PersonKey" ("userId", ref, key) VALUES ($1, $2, '\\x00') RETURNING ref`, [
      userId,
      ref,
    ]);
    await queryOne(
      `INSERT INTO "AuditLog" ("actorId", action, "targetType", "targetId") VALUES ($1, 'auth.sign_in', 'User', $2) RETURNING id`,
      [ref, userId],
    );
    await signIn(page, "admin@example.com");
    const recent = page.getByRole("table", { name: "Recent audit log" });
    // Other tests write audit rows too: reload until this person's sign-in is among the latest.
    await expect
      .poll(async () => {
        await page.goto("/admin");
        return recent.innerText();
      })
      .toContain(`${email} signed in.`);
    const visible = await recent.evaluate((element) => (element as HTMLElement).innerText);
    expect(visible).not.toMatch(/\b(auth\.sign_in|admin\.2fa\.\w+)\b/);
    // Account ids (public ids like p_3191l…) never show.
    expect(visible).not.toMatch(/\bp_[A-Za-z0-9_-]{10,}/);
    await page.getByRole("link", { name: "The whole audit log" }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
  });
});
