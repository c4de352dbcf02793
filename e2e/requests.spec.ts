// Privacy requests: the person files and follows them on their clock; the team
// works them from the queue with the rules enforced; Shine the Light; metrics.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { createUser, expect, getTestDb, queryCount, queryOne, test, uniqueEmail, type Mailbox } from "./fixtures";

type SignIn = (page: Page, email: string) => Promise<void>;

async function fileRequest(
  page: Page,
  options: { type: string; law?: string; details?: string; scopes?: string[] },
): Promise<string> {
  await page.goto("/account/requests/new");
  await page.getByRole("radio", { name: new RegExp(`^${options.type}`) }).check();
  for (const scope of options.scopes ?? []) await page.getByLabel(scope).check();
  if (options.law) await page.getByLabel("Where do you live?").selectOption(options.law);
  if (options.details) await page.getByLabel(/^Details/).fill(options.details);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Request received")).toBeVisible();
  return page.url().split("/account/requests/")[1].split("?")[0];
}

async function adminPage(browser: Browser, signIn: SignIn, headers: Record<string, string> = {}) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.18.9.${Math.floor(Math.random() * 250)}`, ...headers },
  });
  const page = await context.newPage();
  await signIn(page, "admin@example.com");
  return { page, close: () => context.close() };
}

const statusOf = async (id: string) =>
  (await queryOne<{ status: string }>(`SELECT status FROM "PrivacyRequest" WHERE id = $1`, [id]))!.status;

async function waitForEmail(mailbox: Mailbox, to: string, subject: RegExp, since: Date) {
  return mailbox.waitFor(to, { subject, since });
}

test.describe("privacy requests", () => {
  test("a person files every kind of request, sees it on its clock, and cannot have more than 10 open", async ({
    page,
    signIn,
    mailbox,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("requester");
    await createUser(email);
    await signIn(page, email);
    const since = new Date();
    const types = [
      "A copy of my data",
      "Correct my data",
      "Delete my data",
      "Stop using my data",
      "Object to how my data is used",
      "Who got my data",
      "A question",
    ];
    const ids: string[] = [];
    for (const type of types) {
      ids.push(
        await fileRequest(page, {
          type,
          details: "Please see to this, thank you.",
          scopes: type.startsWith("Object")
            ? ["Direct marketing emails (product news, offers, blog notifications)"]
            : [],
        }),
      );
    }
    const rows = (
      await getTestDb().query<{ type: string; jurisdiction: string; status: string; days: number }>(
        `SELECT type, jurisdiction, status, round(extract(epoch FROM "dueAt" - "createdAt") / 86400)::int AS days FROM "PrivacyRequest" WHERE id = ANY($1) ORDER BY "createdAt"`,
        [ids],
      )
    ).rows;
    expect(rows.map((row) => row.type)).toEqual([
      "ACCESS",
      "CORRECTION",
      "DELETION",
      "RESTRICTION",
      "OBJECTION",
      "SHINE_THE_LIGHT",
      "QUESTION",
    ]);
    expect(rows.every((row) => row.status === "VERIFIED")).toBe(true);
    expect(rows.find((row) => row.type === "SHINE_THE_LIGHT")).toMatchObject({
      jurisdiction: "CALIFORNIA_STL",
      days: 30,
    });
    expect(Number(rows[0].days)).toBeGreaterThanOrEqual(28);
    // One confirmation email per request.
    await expect
      .poll(
        async () =>
          (await mailbox.list(email)).filter((mail) => new Date(mail.date) >= since && /received/.test(mail.subject))
            .length,
      )
      .toBe(7);

    await page.goto("/account/requests");
    await expect(page.getByRole("row")).toHaveCount(8);
    await page.getByRole("link", { name: "A question" }).click();
    await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Identity verified");
    await expect(page.getByText(/Legal deadline:/)).toBeVisible();

    for (let i = 0; i < 3; i++)
      await fileRequest(page, { type: "A question", details: `Question number ${i} about my data.` });
    await page.goto("/account/requests/new");
    await page.getByRole("radio", { name: /^A question/ }).check();
    await page.getByLabel(/^Details/).fill("One question too many for now.");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText(/You have 10 open requests/)).toBeVisible();
    expect(
      await queryCount(
        `SELECT count(*) FROM "PrivacyRequest" p JOIN "User" u ON u.id = p."userId" WHERE u.email = $1`,
        [email],
      ),
    ).toBe(10);
  });

  test("the team works a request: start, extend once, messages, complete; the person sees and gets each step", async ({
    page,
    signIn,
    mailbox,
    browser,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("followed");
    await createUser(email);
    await signIn(page, email);
    const since = new Date();
    const id = await fileRequest(page, {
      type: "A question",
      law: "GDPR",
      details: "Do you share my data with advertisers?",
    });
    const team = await adminPage(browser, signIn);
    const other = await adminPage(browser, signIn);
    await team.page.goto(`/admin/requests/${id}`);
    await team.page.getByRole("button", { name: "Mark in progress" }).click();
    await expect(team.page.getByTestId("team-status")).toHaveText("In progress");
    await waitForEmail(mailbox, email, /in progress/, since);

    // Extend once, with a reason; a second extension (here from a second tab) is refused.
    await other.page.goto(`/admin/requests/${id}`);
    await team.page
      .getByLabel("Reason (the person sees it)")
      .fill("We are checking with our partners and need more time.");
    await team.page.getByRole("button", { name: /^Extend to/ }).click();
    await expect(team.page.getByText("Already extended once.")).toBeVisible();
    await other.page.getByLabel("Reason (the person sees it)").fill("Trying to extend a second time, which must fail.");
    await other.page.getByRole("button", { name: /^Extend to/ }).click();
    await expect(other.page.getByText(/already extended once/i).first()).toBeVisible();
    const row = await queryOne<{ dueAt: Date; initialDueAt: Date; createdAt: Date }>(
      `SELECT "dueAt", "initialDueAt", "createdAt" FROM "PrivacyRequest" WHERE id = $1`,
      [id],
    );
    const months = (new Date(row!.dueAt).getTime() - new Date(row!.createdAt).getTime()) / 86_400_000;
    expect(months).toBeGreaterThan(85);
    expect(
      await queryCount(`SELECT count(*) FROM "PrivacyRequestEvent" WHERE "requestId" = $1 AND status = 'EXTENDED'`, [
        id,
      ]),
    ).toBe(1);
    const extendedMail = await waitForEmail(mailbox, email, /extended/, since);
    expect(extendedMail.text).toContain("We are checking with our partners");

    // The team asks, the person answers in the thread.
    await team.page.getByLabel("Message", { exact: true }).fill("Which account do you mean, personal or work?");
    await team.page.getByLabel(/We need their reply/).check();
    await team.page.getByRole("button", { name: "Send message" }).click();
    await waitForEmail(mailbox, email, /a message/, since);
    await page.goto(`/account/requests/${id}`);
    await expect(page.getByText("We are waiting for your reply below.")).toBeVisible();
    await page.getByLabel("Add a message").fill("My personal account, thank you.");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByText("Sent. The privacy team sees it on your request.")).toBeVisible();
    expect(
      (await queryOne<{ awaitingSubjectSince: Date | null }>(
        `SELECT "awaitingSubjectSince" FROM "PrivacyRequest" WHERE id = $1`,
        [id],
      ))!.awaitingSubjectSince,
    ).toBeNull();

    await team.page.reload();
    await team.page.getByLabel("Your answer").fill("No: we never share your data with advertisers.");
    await team.page.getByRole("button", { name: "Complete" }).click();
    await expect.poll(() => statusOf(id)).toBe("COMPLETED");
    const done = await waitForEmail(mailbox, email, /completed/, since);
    expect(done.text).toContain("we never share your data with advertisers");
    await page.goto(`/account/requests/${id}`);
    await expect(page.getByTestId("request-status")).toHaveText("Completed");
    await expect(page.getByTestId("request-resolution")).toContainText("we never share");
    for (const step of [
      "Received",
      "Acknowledged",
      "Identity verified",
      "In progress",
      "Extended",
      "Message from the privacy team",
      "Your message",
      "Completed",
    ]) {
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText(step);
    }
    await team.close();
    await other.close();
  });

  test("denial needs a reason; the person can withdraw an open request", async ({ page, signIn, mailbox, browser }) => {
    const email = uniqueEmail("denied");
    await createUser(email);
    await signIn(page, email);
    const since = new Date();
    const denied = await fileRequest(page, {
      type: "Stop using my data",
      details: "Stop everything right now please.",
    });
    const withdrawn = await fileRequest(page, {
      type: "A question",
      details: "Never mind, a question I will withdraw.",
    });
    const team = await adminPage(browser, signIn);
    await team.page.goto(`/admin/requests/${denied}`);
    team.page.on("dialog", (dialog) => dialog.accept());
    await team.page.getByRole("button", { name: "Deny the request" }).click();
    await expect(team.page.getByText("Choose the reason for the denial.")).toBeVisible();
    expect(await statusOf(denied)).toBe("VERIFIED");
    await team.page.getByLabel("Reason", { exact: true }).selectOption("MANIFESTLY_UNFOUNDED");
    await team.page.getByLabel("Explanation for the person").fill("You asked the same thing five times this week.");
    await team.page.getByRole("button", { name: "Deny the request" }).click();
    await expect.poll(() => statusOf(denied)).toBe("DENIED");
    const mail = await waitForEmail(mailbox, email, /denied/, since);
    expect(mail.text).toContain("manifestly unfounded or excessive");
    await team.close();

    await page.goto(`/account/requests/${withdrawn}`);
    // Step by step: received and confirmed (signed in), the team's work is the current step.
    const progress = page.getByRole("list", { name: "Progress" });
    const states = () =>
      progress
        .getByRole("listitem")
        .evaluateAll((items) =>
          items.map((item) => [item.querySelector("span + span")?.textContent, item.getAttribute("data-state")]),
        );
    expect(await states()).toEqual([
      ["Received", "done"],
      ["Identity confirmed", "done"],
      ["Being worked on", "current"],
      ["Answered", "upcoming"],
    ]);
    await expect(progress.locator("[aria-current=step]")).toHaveText(/Being worked on/);
    await expect(progress.getByRole("listitem").last()).toContainText(/by \d{1,2} \w+ \d{4}/);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Withdraw this request" }).click();
    await expect(page.getByTestId("request-status")).toHaveText("Withdrawn");
    expect(await states()).toEqual([
      ["Received", "done"],
      ["Identity confirmed", "done"],
      ["Being worked on", "skipped"],
      ["Closed: withdrawn", "done"],
    ]);
    await expect(progress.locator("[aria-current=step]")).toHaveCount(0);
    expect(await queryOne(`SELECT status, "isOpen" FROM "PrivacyRequest" WHERE id = $1`, [withdrawn])).toEqual({
      status: "WITHDRAWN",
      isOpen: false,
    });
  });

  test("an extension is refused once the deadline has passed (injected clock)", async ({ page, signIn, browser }) => {
    const email = uniqueEmail("late");
    await createUser(email);
    await signIn(page, email);
    const id = await fileRequest(page, { type: "A copy of my data", law: "CCPA" });
    const future = new Date(Date.now() + 50 * 86_400_000).toISOString();
    const team = await adminPage(browser, signIn, { "x-test-now": future });
    await team.page.goto(`/admin/requests/${id}`);
    await expect(team.page.getByText("The deadline has passed; it can no longer be extended.")).toBeVisible();
    await expect(team.page.locator('[data-due-state="overdue"]')).toBeVisible();
    await team.page.goto("/admin/requests?overdue=1");
    await expect(team.page.getByRole("link", { name: `PR-${id.slice(-8).toUpperCase()}` })).toBeVisible();
    await team.close();
  });

  test("access, deletion, restriction and objection complete by doing what they ask", async ({
    page,
    signIn,
    browser,
  }) => {
    test.setTimeout(150_000);
    const email = uniqueEmail("complete");
    const userId = await createUser(email);
    await getTestDb().query(
      `INSERT INTO "EmailSubscription" (id, "userId", category, subscribed, "updatedAt") VALUES ($1, $2, 'PRODUCT_NEWS', true, now())`,
      [`sub${userId}`, userId],
    );
    await signIn(page, email);
    const access = await fileRequest(page, { type: "A copy of my data" });
    const objection = await fileRequest(page, {
      type: "Object to how my data is used",
      scopes: [
        "Direct marketing emails (product news, offers, blog notifications)",
        "Usage statistics from my clusters and CLI",
      ],
    });
    const team = await adminPage(browser, signIn);

    await team.page.goto(`/admin/requests/${access}`);
    await team.page.getByRole("button", { name: "Produce the person's export" }).click();
    await expect.poll(() => statusOf(access), { timeout: 60_000 }).toBe("COMPLETED");
    await page.goto(`/account/requests/${access}`);
    await expect(page.getByTestId("request-resolution")).toContainText("Your copy is ready");
    await page.getByRole("link", { name: "Go to your download" }).click();
    const href = await page.getByRole("link", { name: /Download the archive/ }).getAttribute("href");
    expect((await page.request.get(href!)).status()).toBe(200);

    await team.page.goto(`/admin/requests/${objection}`);
    await team.page.getByRole("button", { name: "Stop the processing objected to and complete" }).click();
    await expect.poll(() => statusOf(objection)).toBe("COMPLETED");
    expect(
      await queryOne(`SELECT subscribed FROM "EmailSubscription" WHERE "userId" = $1 AND category = 'PRODUCT_NEWS'`, [
        userId,
      ]),
    ).toEqual({ subscribed: false });
    expect(await queryOne(`SELECT "telemetryEnabled" FROM "UserPreferences" WHERE "userId" = $1`, [userId])).toEqual({
      telemetryEnabled: false,
    });
    expect(
      await queryCount(`SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND source = 'ADMIN'`, [userId]),
    ).toBeGreaterThanOrEqual(2);

    const restriction = await fileRequest(page, {
      type: "Stop using my data",
      details: "Stop while you check my correction.",
    });
    await team.page.goto(`/admin/requests/${restriction}`);
    await team.page.getByRole("button", { name: "Restrict processing and complete" }).click();
    await expect.poll(() => statusOf(restriction)).toBe("COMPLETED");
    expect(
      (await queryOne<{ restrictedAt: Date | null }>(`SELECT "restrictedAt" FROM "User" WHERE id = $1`, [userId]))!
        .restrictedAt,
    ).not.toBeNull();

    // Deletion: the erasure engine; the request outlives the account, without it.
    const deletion = await fileRequest(page, { type: "Delete my data" });
    await team.page.goto(`/admin/requests/${deletion}`);
    await team.page.getByLabel("I understand the account is erased for good.").check();
    team.page.once("dialog", (dialog) => dialog.accept());
    await team.page.getByRole("button", { name: "Erase the account" }).click();
    await expect.poll(() => statusOf(deletion), { timeout: 60_000 }).toBe("COMPLETED");
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE id = $1`, [userId])).toBe(0);
    expect(await queryOne(`SELECT "userId", details FROM "PrivacyRequest" WHERE id = $1`, [deletion])).toEqual({
      userId: null,
      details: "",
    });
    await team.close();
  });

  test("Shine the Light lists exactly last year's marketing recipients from the register", async ({
    page,
    signIn,
    browser,
    mailbox,
  }) => {
    const email = uniqueEmail("stl");
    await createUser(email);
    await signIn(page, email);
    const since = new Date();
    const id = await fileRequest(page, { type: "Who got my data" });
    const year = new Date().getUTCFullYear() - 1;
    const expected = (
      await getTestDb().query<{ name: string }>(
        `SELECT name FROM "SharingRegisterEntry" WHERE "isMarketing" AND "startsOn" < make_date($1 + 1, 1, 1) AND ("endsOn" IS NULL OR "endsOn" >= make_date($1, 1, 1)) ORDER BY name`,
        [year],
      )
    ).rows.map((row) => row.name);
    const notMarketing = (
      await getTestDb().query<{ name: string }>(`SELECT name FROM "SharingRegisterEntry" WHERE NOT "isMarketing"`)
    ).rows.map((row) => row.name);
    expect(expected.length).toBeGreaterThan(0);
    const team = await adminPage(browser, signIn);
    await team.page.goto(`/admin/requests/${id}`);
    const preview = team.page.getByTestId("stl-preview");
    for (const name of expected) await expect(preview).toContainText(name);
    for (const name of notMarketing) await expect(preview).not.toContainText(name);
    await team.page
      .getByLabel("Cover text")
      .fill(`Dear requester, here is our ${year} disclosure under Civil Code 1798.83.`);
    await team.page.getByRole("button", { name: "Send the notice" }).click();
    await expect.poll(() => statusOf(id)).toBe("COMPLETED");
    const stored = await queryOne<{ stlNotice: string; stlYear: number }>(
      `SELECT "stlNotice", "stlYear" FROM "PrivacyRequest" WHERE id = $1`,
      [id],
    );
    expect(stored!.stlYear).toBe(year);
    for (const name of expected) expect(stored!.stlNotice).toContain(name);
    expect(stored!.stlNotice).toContain("Dear requester");
    const mail = await waitForEmail(mailbox, email, /completed/, since);
    for (const name of expected) expect(mail.text).toContain(name);
    await team.close();
  });

  test("the public metrics match the requests table", async ({ page }) => {
    await page.goto("/privacy/metrics");
    const { rows } = await getTestDb().query<{
      year: number;
      type: string;
      received: string;
      complied: string;
      denied: string;
    }>(
      `SELECT extract(year FROM "createdAt")::int AS year, type::text, count(*) AS received, count(*) FILTER (WHERE status = 'COMPLETED') AS complied, count(*) FILTER (WHERE status = 'DENIED') AS denied
         FROM "PrivacyRequest" WHERE extract(year FROM "createdAt") < extract(year FROM now()) GROUP BY 1, 2`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cells = page.locator(`[data-metric="${row.year}-${row.type}"] td`);
      await expect(cells.nth(0)).toHaveText(row.received);
      await expect(cells.nth(1)).toHaveText(row.complied);
      await expect(cells.nth(2)).toHaveText(row.denied);
    }
  });

  test("nobody sees or acts on another person's request; a non-admin gets 404 on the queue", async ({
    page,
    signIn,
    browser,
  }) => {
    const owner = uniqueEmail("owner");
    await createUser(owner);
    await signIn(page, owner);
    const id = await fileRequest(page, { type: "A question", details: "Private question about my account." });
    const intruderEmail = uniqueEmail("intruder");
    await createUser(intruderEmail);
    const context = await browser.newContext();
    const intruder = await context.newPage();
    await signIn(intruder, intruderEmail);
    expect((await intruder.goto(`/account/requests/${id}`))!.status()).toBe(404);
    expect((await intruder.goto("/admin/requests"))!.status()).toBe(404);
    expect((await intruder.goto(`/admin/requests/${id}`))!.status()).toBe(404);
    // A forged message and withdrawal from the intruder's own request page, aimed at the owner's request.
    const own = await fileRequest(intruder, { type: "A question", details: "My own question, to get a form." });
    await intruder.goto(`/account/requests/${own}`);
    await intruder
      .locator('input[name="requestId"]')
      .first()
      .evaluate((input, value) => ((input as HTMLInputElement).value = value), id);
    await intruder.getByLabel("Add a message").fill("Forged message into someone else's request");
    await intruder.getByRole("button", { name: "Send message" }).click();
    await expect(intruder.getByText("We could not find that request.")).toBeVisible();
    expect(
      await queryCount(`SELECT count(*) FROM "PrivacyRequestEvent" WHERE "requestId" = $1 AND kind = 'MESSAGE'`, [id]),
    ).toBe(0);
    expect(await statusOf(id)).toBe("VERIFIED");
    await context.close();
  });

  test("request pages pass an automated accessibility check", async ({ page, signIn, browser }) => {
    const email = uniqueEmail("axe-requests");
    await createUser(email);
    await signIn(page, email);
    const id = await fileRequest(page, { type: "A question", details: "Accessibility check question." });
    const results = [];
    for (const path of ["/account/requests", "/account/requests/new", `/account/requests/${id}`, "/privacy/metrics"]) {
      await page.goto(path);
      results.push(await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze());
    }
    const team = await adminPage(browser, signIn);
    for (const path of ["/admin/requests", `/admin/requests/${id}`]) {
      await team.page.goto(path);
      results.push(
        await new AxeBuilder({ page: team.page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze(),
      );
    }
    await team.close();
    expect(
      results.flatMap((result) =>
        result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${result.url}: ${v.id}`),
      ),
    ).toEqual([]);
  });
});
