// Requests without an account and from human authorized agents (issue 19, items 1 and 2):
// the public form, the single-use confirmation link, the team's queue, the private status
// link and its archive, deletion down to a whole-database scan, and no enumeration.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "@playwright/test";
import { readExportJson } from "../lib/export/json-format";
import { findTraces } from "../tests/support/db-scan";
import {
  createUser,
  expect,
  getTestDb,
  Mailbox,
  queryCount,
  queryOne,
  test,
  uniqueEmail,
  type Mailbox as MailboxType,
} from "./fixtures";

const WCAG = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n% signed permission\n"), randomBytes(200)]);

async function addNewsletterRow(email: string, source = "website footer") {
  await getTestDb().query(
    `INSERT INTO "NewsletterSubscriber" (id, email, name, source) VALUES ($1, $2, 'Newsletter Reader', $3)`,
    [`nl${randomBytes(8).toString("hex")}`, email, source],
  );
}

type Filing = {
  email: string;
  type?: RegExp;
  agent?: { name: string; email: string; file?: { name: string; mimeType: string; buffer: Buffer } };
};

async function fillForm(page: Page, filing: Filing) {
  await page.goto("/requests/new");
  if (filing.agent) await page.getByLabel(/I am filing for someone else/).check();
  if (filing.type) await page.getByRole("radio", { name: filing.type }).check();
  await page.getByLabel(filing.agent ? "The consumer's email address" : "Your email address").fill(filing.email);
  if (filing.agent) {
    await page.getByLabel("Your name", { exact: true }).fill(filing.agent.name);
    await page.getByLabel("Your email address", { exact: true }).fill(filing.agent.email);
    if (filing.agent.file) await page.getByLabel("The consumer's signed permission").setInputFiles(filing.agent.file);
  }
  await page.getByRole("checkbox", { name: /the information in this form is true/ }).check();
  await page.getByRole("button", { name: "Send the request" }).click();
}

async function requestIdOf(email: string): Promise<string> {
  return (await queryOne<{ id: string }>(
    `SELECT id FROM "PrivacyRequest" WHERE "subjectEmail" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [email],
  ))!.id;
}

/** Files for oneself, confirms by the emailed link; returns what the person saw and read. */
async function fileAndConfirm(page: Page, mailbox: MailboxType, filing: Filing) {
  const since = new Date();
  await fillForm(page, filing);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const checkEmailText = await page.locator("main").innerText();
  const confirm = await mailbox.waitFor(filing.email, { subject: /Confirm your privacy request/, since });
  await page.goto(Mailbox.link(confirm, "/requests/confirm"));
  const confirmPageText = await page.locator("main").innerText();
  await page.getByRole("button", { name: "Confirm my request" }).click();
  await expect(page.getByTestId("subject-status")).toHaveText(
    "Your address is confirmed; our privacy team has your request.",
  );
  await expect(page.getByRole("list", { name: "Progress" }).locator("[aria-current=step]")).toContainText(
    "Being worked on",
  );
  const statusUrl = page.url().replace(/&confirmed=1$/, "");
  const verified = await mailbox.waitFor(filing.email, { subject: /verified/, since });
  const requestId = await requestIdOf(filing.email);
  // Matching runs in the worker after confirmation.
  await expect
    .poll(async () =>
      queryCount(`SELECT count(*) FROM "AuditLog" WHERE "targetId" = $1 AND action = $2`, [
        requestId,
        "request.subject.matched",
      ]),
    )
    .toBe(1);
  return { requestId, statusUrl, since, checkEmailText, confirmPageText, emails: [confirm, verified] };
}

async function teamPage(browser: Browser, signIn: (page: Page, email: string) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin@example.com");
  return { page, close: () => context.close() };
}

test.describe("requests without an account", () => {
  test("a newsletter subscriber without an account gets a copy of what we hold through the status link", async ({
    page,
    browser,
    mailbox,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("reader");
    await addNewsletterRow(email);
    const filed = await fileAndConfirm(page, mailbox, { email });

    // The team sees it in the queue, with how the person was found.
    const team = await teamPage(browser, signIn);
    await team.page.goto("/admin/requests");
    await expect(team.page.getByRole("link", { name: new RegExp(filed.requestId.slice(-8), "i") })).toBeVisible();
    await team.page.goto(`/admin/requests/${filed.requestId}`);
    await expect(team.page.getByTestId("team-matches")).toContainText("exact email on NewsletterSubscriber");
    await expect(team.page.getByTestId("team-channel")).toContainText("Web form, by address");
    await team.page.getByRole("button", { name: "Produce the person's export" }).click();
    await expect
      .poll(
        async () =>
          (await queryOne<{ status: string }>(`SELECT status FROM "PrivacyRequest" WHERE id = $1`, [filed.requestId]))!
            .status,
        { timeout: 60_000 },
      )
      .toBe("COMPLETED");
    await team.close();

    const done = await mailbox.waitFor(email, { subject: /completed/, since: filed.since });
    expect(Mailbox.link(done, "/requests/status")).toBe(filed.statusUrl);
    await page.goto(filed.statusUrl);
    await expect(page.getByTestId("subject-status")).toHaveText("Done.");
    // Step by step, like the parents' page: every step reached, the last one the answer.
    const progress = page.getByRole("list", { name: "Progress" });
    expect(
      await progress
        .getByRole("listitem")
        .evaluateAll((items) =>
          items.map((item) => [item.querySelector("span + span")?.textContent, item.getAttribute("data-state")]),
        ),
    ).toEqual([
      ["Request sent", "done"],
      ["Address confirmed", "done"],
      ["Being worked on", "done"],
      ["Answered", "done"],
    ]);
    const href = await page.getByRole("link", { name: "Download your copy" }).getAttribute("href");
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await download.body()));
    const newsletter = readExportJson(strFromU8(files["newsletter-subscriptions.json"]));
    expect(newsletter).toEqual([expect.objectContaining({ email, source: "website footer" })]);
    // Nothing of anyone else's: no account data at all for a person without one.
    expect(readExportJson(strFromU8(files["account.json"]))).toEqual([]);
    // A guessed status link finds nothing.
    expect(
      (await page.request.get(`/api/requests/download?token=${randomBytes(32).toString("base64url")}`)).status(),
    ).toBe(404);
  });

  test("a deletion for a person with an account and newsletter rows leaves nothing of them", async ({
    page,
    browser,
    mailbox,
    signIn,
  }) => {
    test.setTimeout(150_000);
    const email = uniqueEmail("leaver");
    const userId = await createUser(email, { name: "Lee Leaver" });
    await addNewsletterRow(email);
    await addNewsletterRow(email, "conference badge scan");
    const ip = `2001:db8:77::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
    await getTestDb().query(
      `INSERT INTO "ContactMessage" (id, email, name, message, ip) VALUES ($1, $2, 'Lee', 'Please call me', $3)`,
      [`cm${randomBytes(8).toString("hex")}`, email, ip],
    );
    const filed = await fileAndConfirm(page, mailbox, { email, type: /Delete my data/ });
    expect(await queryOne(`SELECT "userId" FROM "PrivacyRequest" WHERE id = $1`, [filed.requestId])).toEqual({
      userId,
    });

    const team = await teamPage(browser, signIn);
    await team.page.goto(`/admin/requests/${filed.requestId}`);
    await expect(team.page.getByTestId("team-matches")).toContainText("verified account with the same address");
    await expect(team.page.getByTestId("team-matches")).toContainText(
      "2 records (exact email on NewsletterSubscriber)",
    );
    await team.page.getByLabel("I understand the account is erased for good.").check();
    team.page.once("dialog", (dialog) => dialog.accept());
    await team.page.getByRole("button", { name: "Erase the account" }).click();
    await expect
      .poll(
        async () =>
          (await queryOne<{ status: string }>(`SELECT status FROM "PrivacyRequest" WHERE id = $1`, [filed.requestId]))!
            .status,
        { timeout: 90_000 },
      )
      .toBe("COMPLETED");
    await team.close();

    // Told at the address they confirmed, then the request forgets it.
    const done = await mailbox.waitFor(email, { subject: /completed/, since: filed.since, timeout: 30_000 });
    expect(done.text).toMatch(/records were deleted/);
    await expect
      .poll(async () =>
        queryCount(`SELECT count(*) FROM "PrivacyRequest" WHERE id = $1 AND "subjectEmail" IS NULL`, [filed.requestId]),
      )
      .toBe(1);
    expect(await findTraces(getTestDb(), [email, userId, ip], { skipTables: ["CaughtMail"] })).toEqual([]);
    await page.goto(filed.statusUrl);
    await expect(page.getByTestId("subject-status")).toHaveText("Done.");
  });

  test("a request about an address we hold looks exactly like one about an address we do not", async ({
    page,
    mailbox,
  }) => {
    test.setTimeout(90_000);
    const held = uniqueEmail("held");
    await addNewsletterRow(held);
    await createUser(held);
    const notHeld = uniqueEmail("nothing");
    const a = await fileAndConfirm(page, mailbox, { email: held });
    const b = await fileAndConfirm(page, mailbox, { email: notHeld });
    const neutral = (text: string, email: string) =>
      text
        .replaceAll(email, "ADDRESS")
        .replace(/https?:\/\/\S+/g, "LINK")
        .replace(/PR-[A-Z0-9]{8}/g, "REF")
        .replace(/\d{1,2} \w+ \d{4}(, \d{2}:\d{2})?/g, "DATE");
    expect(neutral(a.checkEmailText, held)).toBe(neutral(b.checkEmailText, notHeld));
    expect(neutral(a.confirmPageText, held)).toBe(neutral(b.confirmPageText, notHeld));
    for (const [index, mail] of a.emails.entries()) {
      expect(neutral(mail.subject, held)).toBe(neutral(b.emails[index].subject, notHeld));
      expect(neutral(mail.text, held)).toBe(neutral(b.emails[index].text, notHeld));
    }
    await page.goto(a.statusUrl);
    const statusA = await page.locator("main").innerText();
    await page.goto(b.statusUrl);
    const statusB = await page.locator("main").innerText();
    expect(neutral(statusA, held)).toBe(neutral(statusB, notHeld));
  });

  test("an authorized agent's request waits for the consumer; the agent gets the steps, the consumer the results", async ({
    page,
    browser,
    mailbox,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const consumer = uniqueEmail("consumer");
    const agent = { name: "Ada Agent", email: uniqueEmail("agent") };
    await addNewsletterRow(consumer);
    const since = new Date();
    await fillForm(page, {
      email: consumer,
      agent: { ...agent, file: { name: "permission.pdf", mimeType: "application/pdf", buffer: PDF } },
    });
    await expect(page.getByRole("heading", { name: "Request sent: the consumer must confirm it" })).toBeVisible();
    const receipt = await mailbox.waitFor(agent.email, { subject: /Privacy request received/, since });
    expect(receipt.text).toMatch(/confirm their own identity/);
    const confirm = await mailbox.waitFor(consumer, { subject: /Confirm your privacy request/, since });
    expect(confirm.text).toContain("Ada Agent");
    const requestId = await requestIdOf(consumer);
    // Nothing looked up, disclosed or available to anyone until the consumer confirms.
    expect(await queryOne(`SELECT status, "isOpen" FROM "PrivacyRequest" WHERE id = $1`, [requestId])).toEqual({
      status: "AWAITING_VERIFICATION",
      isOpen: false,
    });
    expect(await queryCount(`SELECT count(*) FROM "RequestSubjectMatch" WHERE "requestId" = $1`, [requestId])).toBe(0);
    expect(
      await queryOne(`SELECT "contentType", size FROM "AgentPermissionUpload" WHERE "requestId" = $1`, [requestId]),
    ).toEqual({ contentType: "application/pdf", size: PDF.length });
    expect(receipt.text).not.toMatch(/\/requests\/(status|confirm)/);

    const consumerContext = await browser.newContext();
    const consumerPage = await consumerContext.newPage();
    await consumerPage.goto(Mailbox.link(confirm, "/requests/confirm"));
    await consumerPage.getByRole("button", { name: "Confirm my request" }).click();
    await expect(consumerPage.getByTestId("subject-status")).toBeVisible();
    const statusUrl = consumerPage.url().replace(/&confirmed=1$/, "");
    const agentVerified = await mailbox.waitFor(agent.email, { subject: /verified/, since });
    expect(agentVerified.text).not.toMatch(/\/requests\/status/);

    const team = await teamPage(browser, signIn);
    await team.page.goto(`/admin/requests/${requestId}`);
    await expect(team.page.getByTestId("team-channel")).toContainText(`by Ada Agent (${agent.email})`);
    const permission = await team.page.request.get(
      (await team.page.getByRole("link", { name: /application\/pdf/ }).getAttribute("href"))!,
    );
    expect(Buffer.from(await permission.body()).equals(PDF)).toBe(true);
    await team.page.getByRole("button", { name: "Produce the person's export" }).click();
    await team.close();

    const consumerDone = await mailbox.waitFor(consumer, { subject: /completed/, since, timeout: 60_000 });
    expect(Mailbox.link(consumerDone, "/requests/status")).toBe(statusUrl);
    const agentDone = await mailbox.waitFor(agent.email, { subject: /completed/, since, timeout: 30_000 });
    expect(agentDone.text).toMatch(/results went to the consumer/);
    expect(agentDone.text).not.toMatch(/\/requests\/status|Download/);
    await consumerPage.goto(statusUrl);
    await expect(consumerPage.getByRole("link", { name: "Download your copy" })).toBeVisible();
    await consumerContext.close();
  });

  test("an expired or used confirmation link is refused, an unconfirmed request has no status page", async ({
    page,
    mailbox,
    request,
  }) => {
    const late = uniqueEmail("late");
    let since = new Date();
    await fillForm(page, { email: late });
    const lateMail = await mailbox.waitFor(late, { subject: /Confirm your privacy request/, since });
    const lateToken = new URL(Mailbox.link(lateMail, "/requests/confirm")).searchParams.get("token")!;
    // No status page before confirmation, even with the right half of the link.
    expect((await request.get(`/requests/status?token=${lateToken.split(".")[1]}`)).status()).toBe(404);
    await getTestDb().query(
      `UPDATE "SubjectVerificationToken" SET "expiresAt" = now() - interval '1 minute'
        WHERE "requestId" = (SELECT id FROM "PrivacyRequest" WHERE "subjectEmail" = $1)`,
      [late],
    );
    await page.goto(Mailbox.link(lateMail, "/requests/confirm"));
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    expect((await queryOne(`SELECT status FROM "PrivacyRequest" WHERE "subjectEmail" = $1`, [late]))!).toEqual({
      status: "AWAITING_VERIFICATION",
    });

    const twice = uniqueEmail("twice");
    since = new Date();
    await fillForm(page, { email: twice });
    const mail = await mailbox.waitFor(twice, { subject: /Confirm your privacy request/, since });
    await page.goto(Mailbox.link(mail, "/requests/confirm"));
    await page.getByRole("button", { name: "Confirm my request" }).click();
    await expect(page.getByTestId("subject-status")).toBeVisible();
    await page.goto(Mailbox.link(mail, "/requests/confirm"));
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    expect((await request.get(`/requests/status?token=${randomBytes(32).toString("base64url")}`)).status()).toBe(404);
  });

  test("bad input and bad uploads get clear messages, never an error page", async ({ page }) => {
    await page.goto("/requests/new");
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText("Enter the email address the request is about.").first()).toBeVisible();
    await expect(page.getByText("Confirm that the information is true.").first()).toBeVisible();
    await expect(page.getByLabel("Your email address")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Your email address").fill("not-an-address");
    await page.getByRole("checkbox", { name: /the information in this form is true/ }).check();
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText("Enter a valid email address, like name@example.com.").first()).toBeVisible();
    await page.getByLabel("Your email address").fill(uniqueEmail("fixer"));
    await page.getByRole("radio", { name: /Correct my data/ }).check();
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText(/what is wrong and how to correct it/).first()).toBeVisible();

    const consumer = uniqueEmail("consumer-bad");
    const agent = { name: "Ada Agent", email: uniqueEmail("agent-bad") };
    await fillForm(page, {
      email: consumer,
      agent: {
        ...agent,
        file: { name: "permission.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 an executable") },
      },
    });
    await expect(page.getByText(/must be a PDF, PNG or JPEG/).first()).toBeVisible();
    const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(5 * 1024 * 1024 + 100)]);
    await page.getByLabel("The consumer's signed permission").setInputFiles({
      name: "permission.pdf",
      mimeType: "application/pdf",
      buffer: big,
    });
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText("The permission file is too large: at most 5 MB, please.").first()).toBeVisible();
    await page.getByLabel("The consumer's signed permission").setInputFiles([]);
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText(/Attach the consumer's signed permission/).first()).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    expect(await queryCount(`SELECT count(*) FROM "PrivacyRequest" WHERE "subjectEmail" = $1`, [consumer])).toBe(0);

    // Over the action limit altogether: 413 with words, not a 500.
    const huge = await page.request.post("/requests/new", {
      headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
      data: "a".repeat(7 * 1024 * 1024),
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    expect(huge.status()).toBe(413);
  });

  test("the new pages pass an accessibility check", async ({ page, mailbox }) => {
    test.setTimeout(120_000);
    const results = [];
    await page.goto("/requests/new");
    results.push(await new AxeBuilder({ page }).withTags(WCAG).analyze());
    await page.getByLabel(/I am filing for someone else/).check();
    results.push(await new AxeBuilder({ page }).withTags(WCAG).analyze());
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText("Enter the email address the request is about.").first()).toBeVisible();
    results.push(await new AxeBuilder({ page }).withTags(WCAG).analyze());
    const email = uniqueEmail("axe");
    const since = new Date();
    await fillForm(page, { email });
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    results.push(await new AxeBuilder({ page }).withTags(WCAG).analyze());
    const mail = await mailbox.waitFor(email, { subject: /Confirm your privacy request/, since });
    await page.goto(Mailbox.link(mail, "/requests/confirm"));
    results.push(await new AxeBuilder({ page }).withTags(WCAG).analyze());
    await page.getByRole("button", { name: "Confirm my request" }).click();
    await expect(page.getByTestId("subject-status")).toBeVisible();
    results.push(await new AxeBuilder({ page }).withTags(WCAG).analyze());
    await page.goto("/requests/verify");
    results.push(await new AxeBuilder({ page }).withTags(WCAG).analyze());
    expect(results.flatMap((result) => result.violations.map((violation) => violation.id))).toEqual([]);
  });
});
