// The legal-request register: a request under a legal prohibition tells nobody
// until the prohibition ends (the daily job runs with an injected clock), then
// the team is reminded daily until someone notifies the person; without a
// prohibition the person is told at once; yearly counts are public.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import PgBoss from "pg-boss";
import fs from "node:fs";
import { createUser, expect, queryCount, queryOne, test, uniqueEmail, type Mailbox } from "./fixtures";

type SignIn = (page: Page, email: string) => Promise<void>;

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

async function adminPage(browser: Browser, signIn: SignIn, headers: Record<string, string> = {}, width?: number) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.18.6.${Math.floor(Math.random() * 250)}`, ...headers },
    ...(width ? { viewport: { width, height: 900 } } : {}),
  });
  const page = await context.newPage();
  await signIn(page, "admin@example.com");
  return { page, close: () => context.close() };
}

/** Runs the daily reminder job through the real queue and worker, at `at` (the test clock). */
async function runDailyJob(at: Date) {
  const url = process.env.E2E_DATABASE_URL ?? fs.readFileSync(".data/e2e-database-url", "utf8").trim();
  const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false, max: 1 });
  boss.on("error", () => {});
  await boss.start();
  try {
    await boss.createQueue("legal.reminders");
    const jobId = await boss.send("legal.reminders", { testNow: at.toISOString() });
    await expect
      .poll(
        async () =>
          (await queryOne<{ state: string }>(`SELECT state::text FROM pgboss.job WHERE id = $1`, [jobId]))?.state,
        { timeout: 30_000 },
      )
      .toBe("completed");
  } finally {
    await boss.stop({ graceful: false, wait: false });
  }
}

type Register = {
  authority: string;
  people: string[];
  decision: "Disclosed" | "Partially disclosed" | "Refused: nothing disclosed";
  received?: string;
  prohibitedUntil?: Date;
};

async function register(page: Page, input: Register): Promise<string> {
  await page.goto("/admin/legal-requests/new");
  await page.getByLabel("Authority or requesting party").fill(input.authority);
  await page.getByLabel("Legal basis").fill("Grand-jury subpoena under 18 U.S.C. § 2703(c)");
  await page.getByLabel("Date received").fill(input.received ?? isoDay(new Date()));
  await page.getByLabel("Affected people").fill(input.people.join("\n"));
  await page.getByLabel("Data requested").fill("Sign-in IP addresses for March 2026.");
  await page.getByLabel(input.decision, { exact: true }).check();
  if (input.decision !== "Refused: nothing disclosed") {
    await page.getByLabel("Data disclosed").fill("Sign-in IP addresses for 3 to 9 March 2026.");
    await page
      .getByLabel("Good-faith reason the disclosure was required")
      .fill("A valid subpoena reviewed by counsel; we disclosed only what it covers.");
  }
  if (input.prohibitedUntil) {
    await page.getByLabel(/The law forbids telling the people concerned/).check();
    await page.getByLabel("Prohibition ends on").fill(isoDay(input.prohibitedUntil));
    await page
      .getByLabel("What forbids telling them")
      .fill("Non-disclosure order under 18 U.S.C. § 2705(b), case 26-GJ-114.");
    await page.getByRole("button", { name: "Register (nobody is told yet)" }).click();
  } else {
    await page.getByRole("button", { name: "Register and tell the people concerned" }).click();
  }
  await expect(page).toHaveURL(/\/admin\/legal-requests\/[a-z0-9]+\?created=/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

const legalMails = async (mailbox: Mailbox, email: string) =>
  (await mailbox.list(email)).filter((mail) => mail.subject === "A legal request concerned your personal data");
const reminders = async (mailbox: Mailbox, reference: string) =>
  (await mailbox.list("admin@example.com")).filter(
    (mail) => mail.subject.startsWith("Legal requests:") && mail.text.includes(reference),
  );

test.describe("legal requests", () => {
  test("under a prohibition nothing is sent until its end date; then the team is reminded daily until the person is told", async ({
    page,
    signIn,
    mailbox,
    browser,
  }) => {
    test.setTimeout(150_000);
    const person = uniqueEmail("legal-subject");
    await createUser(person);
    const authority = `District Attorney ${Date.now()}`;
    const end = new Date(`${isoDay(new Date(Date.now() + 10 * DAY))}T00:00:00Z`);
    const team = await adminPage(browser, signIn);
    const id = await register(team.page, { authority, people: [person], decision: "Disclosed", prohibitedUntil: end });
    const reference = `LR-${id.slice(-8).toUpperCase()}`;
    await expect(team.page.getByTestId("legal-state")).toContainText("Prohibited until");
    await expect(team.page.getByRole("button", { name: "Notify now" })).toHaveCount(0);
    expect(
      await queryOne(
        `SELECT "notifiedAt", "prohibitedUntil" IS NOT NULL AS prohibited FROM "LegalRequest" WHERE id = $1`,
        [id],
      ),
    ).toEqual({ notifiedAt: null, prohibited: true });
    await team.close();

    // Before the end date: the daily job sends nothing, the person sees nothing.
    await runDailyJob(new Date(end.getTime() - 2 * DAY));
    expect((await reminders(mailbox, reference)).length).toBe(0);
    expect((await legalMails(mailbox, person)).length).toBe(0);
    await signIn(page, person);
    await page.goto("/account/notices");
    await expect(page.getByText("None that we can tell you about.")).toBeVisible();
    await expect(page.getByText(authority)).toHaveCount(0);

    // The end date passes: one reminder that day, another the next day, and still nothing to the person.
    const after = new Date(end.getTime() + 9 * 3_600_000);
    await runDailyJob(after);
    await expect.poll(async () => (await reminders(mailbox, reference)).length).toBe(1);
    await runDailyJob(new Date(after.getTime() + 3_600_000));
    expect((await reminders(mailbox, reference)).length).toBe(1);
    await runDailyJob(new Date(after.getTime() + DAY));
    await expect.poll(async () => (await reminders(mailbox, reference)).length).toBe(2);
    expect((await legalMails(mailbox, person)).length).toBe(0);
    expect(
      await queryCount(`SELECT count(*) FROM "AuditLog" WHERE action = 'legal.reminder' AND "targetId" = $1`, [id]),
    ).toBe(2);

    // Without the moved clock the prohibition is still in force for the team too.
    const today = await adminPage(browser, signIn);
    await today.page.goto(`/admin/legal-requests/${id}`);
    await expect(today.page.getByRole("button", { name: "Notify now" })).toHaveCount(0);
    await today.close();

    // On the moved clock the team notifies: one email, shown in the portal; reminders stop.
    const later = await adminPage(browser, signIn, {
      "x-test-now": new Date(after.getTime() + DAY + 3_600_000).toISOString(),
    });
    await later.page.goto(`/admin/legal-requests/${id}`);
    await expect(later.page.getByTestId("legal-state")).toHaveText("Prohibition ended: tell them now");
    later.page.once("dialog", (dialog) => dialog.accept());
    await later.page.getByRole("button", { name: "Notify now" }).click();
    await expect(later.page.getByTestId("legal-state")).toContainText("Told");
    expect(
      await queryOne(
        `SELECT count(*)::int AS n FROM "LegalRequestSubject" WHERE "legalRequestId" = $1 AND "notifiedAt" IS NOT NULL`,
        [id],
      ),
    ).toEqual({ n: 1 });
    await later.close();
    await expect.poll(async () => (await legalMails(mailbox, person)).length).toBe(1);
    const mail = (await legalMails(mailbox, person))[0];
    expect(mail.text).toContain(authority);
    expect(mail.text).toContain("Disclosed");
    expect(mail.text).toContain("Sign-in IP addresses for 3 to 9 March 2026.");
    await runDailyJob(new Date(after.getTime() + 2 * DAY));
    expect((await reminders(mailbox, reference)).length).toBe(2);
    expect((await legalMails(mailbox, person)).length).toBe(1);
    await page.goto("/account/notices");
    const article = page.getByRole("article", { name: new RegExp(authority) });
    await expect(article).toContainText("Sign-in IP addresses for 3 to 9 March 2026.");
    await expect(article).toContainText("A valid subpoena reviewed by counsel");
  });

  test("without a prohibition the person is told at once; the yearly counts are public", async ({
    page,
    signIn,
    mailbox,
    browser,
  }) => {
    const person = uniqueEmail("legal-told");
    await createUser(person);
    const team = await adminPage(browser, signIn);
    const authority = `Example Police ${Date.now()}`;
    await register(team.page, {
      authority,
      people: [person.toUpperCase()],
      decision: "Refused: nothing disclosed",
      received: "2011-06-01",
    });
    await expect(team.page.getByText("Registered. The people concerned were told")).toBeVisible();
    await expect(team.page.getByTestId("legal-state")).toContainText("Told");
    await team.close();
    await expect.poll(async () => (await legalMails(mailbox, person)).length).toBe(1);
    expect((await legalMails(mailbox, person))[0].text).toContain("Refused");
    await signIn(page, person);
    await page.goto("/account/notices");
    await expect(page.getByRole("article", { name: new RegExp(authority) })).toContainText("Refused");

    await page.goto("/privacy/metrics");
    const row = page.locator('tr[data-legal-metric="2011"]');
    await expect(row.locator("td")).toHaveText(["1", "0", "0", "1"]);
    // This year's row matches the register (reloaded, as other tests may register requests meanwhile).
    const year = new Date().getUTCFullYear();
    await expect
      .poll(async () => {
        const counts = await queryOne<{ received: string }>(
          `SELECT count(*) AS received FROM "LegalRequest" WHERE extract(year FROM "receivedAt") = $1`,
          [year],
        );
        await page.reload();
        const shown = await page.locator(`tr[data-legal-metric="${year}"] td`).first().textContent();
        return shown === counts!.received;
      })
      .toBe(true);
  });

  test("the register refuses unknown people, a disclosure without a reason and a past prohibition", async ({
    signIn,
    browser,
  }) => {
    const team = await adminPage(browser, signIn);
    const page = team.page;
    const authority = `Some agency ${Date.now()}`;
    await page.goto("/admin/legal-requests/new");
    await page.getByRole("button", { name: "Register and tell the people concerned" }).click();
    await expect(page.getByText("Name the authority or party that made the request.")).toBeVisible();
    await expect(page.getByText("List the affected people by their account's email address.")).toBeVisible();

    await page.getByLabel("Authority or requesting party").fill(authority);
    await page.getByLabel("Legal basis").fill("A letter");
    await page.getByLabel("Date received").fill(isoDay(new Date()));
    await page.getByLabel("Affected people").fill("nobody-here@example.test");
    await page.getByLabel("Data requested").fill("Everything.");
    await page.getByLabel("Disclosed", { exact: true }).check();
    await page.getByRole("button", { name: "Register and tell the people concerned" }).click();
    await expect(page.getByText(/Any disclosure needs the good-faith reason/)).toBeVisible();
    await expect(page.getByText("Say what was disclosed.")).toBeVisible();

    await page.getByLabel("Data disclosed").fill("Account email.");
    await page
      .getByLabel("Good-faith reason the disclosure was required")
      .fill("We were told to and believed the order valid.");
    await page.getByRole("button", { name: "Register and tell the people concerned" }).click();
    await expect(page.getByText("No account uses nobody-here@example.test.", { exact: false }).first()).toBeVisible();

    await page.getByLabel("Affected people").fill("bob@example.com");
    await page.getByLabel(/The law forbids telling the people concerned/).check();
    await page.getByLabel("Prohibition ends on").fill("2020-01-01");
    await page.getByLabel("What forbids telling them").fill("A gag order.");
    await page.getByRole("button", { name: "Register (nobody is told yet)" }).click();
    await expect(page.getByText(/The end of the prohibition must be in the future/).first()).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "LegalRequest" WHERE authority = $1`, [authority])).toBe(0);
    await team.close();
  });

  test("non-admins get 404; the pages pass axe at desktop and phone widths", async ({ page, signIn, browser }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("legal-not-admin");
    await createUser(email);
    await signIn(page, email);
    const seeded = await queryOne<{ id: string }>(
      `SELECT id FROM "LegalRequest" WHERE "prohibitedUntil" IS NOT NULL AND "notifiedAt" IS NULL ORDER BY "createdAt" LIMIT 1`,
    );
    expect(seeded, "the demo seeds a request under prohibition").toBeTruthy();
    for (const path of ["/admin/legal-requests", "/admin/legal-requests/new", `/admin/legal-requests/${seeded!.id}`]) {
      expect((await page.goto(path))!.status(), path).toBe(404);
    }
    for (const width of [1280, 390]) {
      const team = await adminPage(browser, signIn, {}, width);
      for (const path of [
        "/admin/legal-requests",
        "/admin/legal-requests/new",
        `/admin/legal-requests/${seeded!.id}`,
        "/privacy/metrics",
      ]) {
        await team.page.goto(path);
        if (path.endsWith("/new")) {
          await team.page.getByLabel("Partially disclosed").check();
          await team.page.getByLabel(/The law forbids telling the people concerned/).check();
        }
        const results = await new AxeBuilder({ page: team.page }).withTags(AXE_TAGS).analyze();
        expect(results.violations, `${path} at ${width}px`).toEqual([]);
        await team.page.screenshot({
          path: test.info().outputPath(`legal${path.replaceAll("/", "-")}-${width}.png`),
          fullPage: true,
        });
      }
      await team.close();
    }
  });
});
