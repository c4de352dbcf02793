// Parents: remove a child's data without an account, and without the form
// telling anyone whether an account exists.
import AxeBuilder from "@axe-core/playwright";
import { createHash, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { findTraces } from "../tests/support/db-scan";
import {
  createUser,
  expect,
  getTestDb,
  Mailbox,
  queryCount,
  queryOne,
  rememberSecret,
  test,
  uniqueEmail,
  type Mailbox as MailboxType,
} from "./fixtures";

type Child = { id: string; email: string; clusterId: string; clusterToken: string };

/** A child's account with a little of everything: server logs, an install reporting telemetry, a subscription. */
async function createChild(): Promise<Child> {
  const email = uniqueEmail("kid");
  const id = await createUser(email, { name: `Kid ${randomBytes(3).toString("hex")}` });
  const db = getTestDb();
  const clusterId = `kid-${randomBytes(6).toString("hex")}`;
  const clusterToken = randomBytes(24).toString("hex");
  rememberSecret("install", clusterToken);
  await db.query(`INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ($1, $2, 'kid laptop', $3)`, [
    clusterId,
    id,
    createHash("sha256").update(clusterToken).digest("hex"),
  ]);
  await db.query(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) SELECT $1, now() - (g || ' hours')::interval, '192.0.2.' || (g + 100), '/games' FROM generate_series(1, 30) g`,
    [id],
  );
  await db.query(
    `INSERT INTO "TelemetryReport" ("userId", "clusterId", kind, payload) SELECT $1, $2, 'usage', '{"apps":1}' FROM generate_series(1, 5)`,
    [id, clusterId],
  );
  await db.query(
    `INSERT INTO "EmailSubscription" (id, "userId", category, subscribed, "updatedAt") VALUES ($1, $2, 'PRODUCT_NEWS', true, now())`,
    [`sub${randomBytes(6).toString("hex")}`, id],
  );
  return { id, email, clusterId, clusterToken };
}

async function fileRequest(page: Page, options: { parentEmail: string; identifiers: string; review?: boolean }) {
  await page.goto("/parents");
  await page.getByLabel("Your name").fill("Jordan Parent");
  await page.getByLabel("Your email address").fill(options.parentEmail);
  await page.getByLabel("Your child's email addresses or usernames").fill(options.identifiers);
  await page.getByLabel("Your relationship to the child").fill("I am the child's mother and legal guardian.");
  // Nothing is chosen for the parent.
  await page
    .getByLabel(
      options.review
        ? "First let me review what was collected, then delete it"
        : "Delete the information as soon as you have checked my request",
    )
    .check();
  await page.getByLabel(/I am the child's parent or legal guardian/).check();
  await page.getByRole("button", { name: "Send my request" }).click();
}

/** Files, confirms and returns the private status URL plus what the parent saw and read on the way. */
async function fileAndConfirm(page: Page, mailbox: MailboxType, options: { identifiers: string; review?: boolean }) {
  const parentEmail = uniqueEmail("parent");
  const since = new Date();
  await fileRequest(page, { parentEmail, ...options });
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const checkEmailText = await page.locator("main").innerText();
  const confirm = await mailbox.waitFor(parentEmail, { subject: /Confirm your request/, since });
  await page.goto(Mailbox.link(confirm, "/parents/confirm"));
  await page.getByRole("button", { name: "Confirm my request" }).click();
  await expect(page.getByTestId("parent-status")).toHaveText("Our privacy team is reviewing your request.");
  const statusUrl = page.url().replace(/&confirmed=1$/, "");
  const received = await mailbox.waitFor(parentEmail, { subject: /with our privacy team/, since });
  const request = (await queryOne<{ id: string }>(`SELECT id FROM "ParentRequest" WHERE "parentEmail" = $1`, [
    parentEmail,
  ]))!;
  await expect
    .poll(
      async () =>
        (
          await queryOne<{ matchedAt: Date | null }>(`SELECT "matchedAt" FROM "ParentRequest" WHERE id = $1`, [
            request.id,
          ])
        )?.matchedAt,
    )
    .not.toBeNull();
  await page.goto(statusUrl);
  const statusText = await page.locator("main").innerText();
  return {
    parentEmail,
    requestId: request.id,
    statusUrl,
    checkEmailText,
    statusText,
    emails: [confirm.text, received.text],
    since,
  };
}

async function decide(page: Page, requestId: string, decision: { approve: boolean; reason?: string }) {
  await page.goto(`/admin/parents/${requestId}`);
  if (decision.approve) {
    await page.getByRole("radio", { name: /^Approve/ }).check();
    await page.getByLabel(/How did you verify/).selectOption("SIGNED_CONSENT_FORM");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: /^Approve/ }).click();
  } else {
    await page.getByLabel("Reject").check();
    await page
      .getByLabel("Reason (the parent sees it)")
      .fill(decision.reason ?? "We could not verify that you are the child's parent.");
    await page.getByRole("button", { name: "Reject" }).click();
  }
  // The decision is on the request's page from now on.
  await expect(
    page.getByText(decision.approve ? "Signed consent form returned by mail, fax or electronic scan" : "Reason given"),
  ).toBeVisible();
}

test.describe("parents' requests", () => {
  test("full journey: the matched child's account is restricted at confirmation, then erased after approval", async ({
    page,
    browser,
    mailbox,
    signIn,
    request,
  }) => {
    test.setTimeout(120_000);
    const child = await createChild();
    const filed = await fileAndConfirm(page, mailbox, {
      identifiers: `${child.email.toUpperCase()}\nsomeone-else-entirely`,
    });
    expect(await queryOne(`SELECT "matchedUserIds" FROM "ParentRequest" WHERE id = $1`, [filed.requestId])).toEqual({
      matchedUserIds: [child.id],
    });

    // Processing stopped at once: restricted, no marketing email, no telemetry stored.
    expect(
      (await queryOne<{ restrictedAt: Date | null }>(`SELECT "restrictedAt" FROM "User" WHERE id = $1`, [child.id]))!
        .restrictedAt,
    ).not.toBeNull();
    const childContext = await browser.newContext();
    const childPage = await childContext.newPage();
    await signIn(childPage, child.email);
    await childPage.goto("/account/preferences/email");
    await childPage.getByLabel("Topic").selectOption("PRODUCT_NEWS");
    await childPage.getByRole("button", { name: "Send me a sample email" }).click();
    await expect(childPage.getByText("We could not send it.")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1`, [child.id])).toBe(0);
    await childContext.close();
    const report = await request.post("/api/telemetry", {
      headers: { authorization: `Bearer ${child.clusterToken}` },
      data: { installId: child.clusterId, kind: "usage", data: { apps: 9 } },
    });
    expect(await report.json()).toMatchObject({ collection: "disabled" });
    expect(await queryCount(`SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" = $1`, [child.clusterId])).toBe(
      5,
    );

    // The privacy team sees the match and the age answer, then approves.
    await signIn(page, "admin@example.com");
    await page.goto(`/admin/parents/${filed.requestId}`);
    await expect(page.getByRole("cell", { name: new RegExp(child.email) })).toBeVisible();
    await expect(page.getByRole("cell", { name: /exact email/ })).toBeVisible();
    await decide(page, filed.requestId, { approve: true });

    const done = await mailbox.waitFor(filed.parentEmail, {
      subject: /has been deleted/,
      since: filed.since,
      timeout: 60_000,
    });
    expect(done.text).toMatch(/Server-log records: 30/);
    expect(done.text).not.toContain(child.email);
    await page.goto(filed.statusUrl);
    await expect(page.getByTestId("parent-status")).toHaveText("Done: the information has been deleted.");
    // One install and its five reports.
    await expect(page.getByText("Telemetry from your clusters: 6")).toBeVisible();

    // Gone: the account, and every trace of it in the database; the request keeps only its outcome.
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE id = $1`, [child.id])).toBe(0);
    expect(
      await findTraces(getTestDb(), [child.email, child.id, child.clusterId], { skipTables: ["CaughtMail"] }),
    ).toEqual([]);
    expect(
      await queryOne(`SELECT "childIdentifiers", "matchedUserIds", status FROM "ParentRequest" WHERE id = $1`, [
        filed.requestId,
      ]),
    ).toEqual({ childIdentifiers: "", matchedUserIds: [], status: "COMPLETED" });
    expect(
      await queryCount(`SELECT count(*) FROM "AuditLog" WHERE "targetId" = $1 AND action LIKE 'parent.%'`, [
        filed.requestId,
      ]),
    ).toBeGreaterThanOrEqual(5);
  });

  test("the privacy team's decision starts unselected and is required", async ({ page, mailbox, signIn }) => {
    const child = await createChild();
    const filed = await fileAndConfirm(page, mailbox, { identifiers: child.email });
    await signIn(page, "admin@example.com");
    await page.goto(`/admin/parents/${filed.requestId}`);
    const approve = page.getByRole("radio", { name: /^Approve/ });
    const reject = page.getByRole("radio", { name: /^Reject/ });
    await expect(approve).not.toBeChecked();
    await expect(reject).not.toBeChecked();
    // Sent without a choice: no erasure question, a clear error pointing at the choice, nothing decided.
    let asked = false;
    page.on("dialog", (dialog) => {
      asked = true;
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "Save decision" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link", { name: "Decision" })).toBeVisible();
    await expect(page.locator("#decision-error")).toHaveText("Choose approve or reject.");
    await expect(page.getByRole("radiogroup", { name: "Decision" })).toHaveAttribute("aria-invalid", "true");
    await summary.getByRole("link", { name: "Decision" }).click();
    await expect(approve).toBeFocused();
    expect(asked).toBe(false);
    expect(await queryOne(`SELECT status FROM "ParentRequest" WHERE id = $1`, [filed.requestId])).toEqual({
      status: "UNDER_REVIEW",
    });
  });

  test("a request that matches nothing looks exactly the same to the parent", async ({ page, mailbox }) => {
    const child = await createChild();
    const matching = await fileAndConfirm(page, mailbox, { identifiers: child.email });
    const nobody = uniqueEmail("nobody");
    const empty = await fileAndConfirm(page, mailbox, { identifiers: nobody });
    expect(
      await queryOne(`SELECT cardinality("matchedUserIds") AS n FROM "ParentRequest" WHERE id = $1`, [
        matching.requestId,
      ]),
    ).toEqual({ n: 1 });
    expect(
      await queryOne(`SELECT cardinality("matchedUserIds") AS n FROM "ParentRequest" WHERE id = $1`, [empty.requestId]),
    ).toEqual({ n: 0 });
    const neutral = (text: string, filed: { parentEmail: string; statusUrl: string }) =>
      text
        .replaceAll(filed.parentEmail, "PARENT")
        .replace(/https?:\/\/\S+/g, "LINK")
        .replace(/\d{1,2} \w+ \d{4}/g, "DATE");
    expect(neutral(empty.checkEmailText, empty)).toBe(neutral(matching.checkEmailText, matching));
    expect(neutral(empty.statusText, empty)).toBe(neutral(matching.statusText, matching));
    expect(empty.emails.map((text) => neutral(text, empty))).toEqual(
      matching.emails.map((text) => neutral(text, matching)),
    );
  });

  test("review first: the parent downloads the child's export once, then confirms the deletion", async ({
    page,
    mailbox,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const child = await createChild();
    const filed = await fileAndConfirm(page, mailbox, { identifiers: child.email, review: true });
    await signIn(page, "admin@example.com");
    await decide(page, filed.requestId, { approve: true });
    await mailbox.waitFor(filed.parentEmail, {
      subject: /ready for you to review/,
      since: filed.since,
      timeout: 60_000,
    });
    // The child's account got no "export ready" email: the parent is told instead.
    expect((await mailbox.list(child.email)).filter((mail) => /export is ready/i.test(mail.subject))).toHaveLength(0);

    const parent = await page.context().browser()!.newContext();
    const parentPage = await parent.newPage();
    await parentPage.goto(filed.statusUrl);
    await expect(parentPage.getByTestId("parent-status")).toHaveText(
      "Approved: you can now review the information before it is deleted.",
    );
    const href = await parentPage.getByRole("link", { name: /Download archive 1/ }).getAttribute("href");
    const first = await parentPage.request.get(href!);
    expect(first.status()).toBe(200);
    expect(first.headers()["content-type"]).toBe("application/zip");
    expect((await first.body()).subarray(0, 2).toString()).toBe("PK");
    expect((await parentPage.request.get(href!)).status()).toBe(410);
    await parentPage.reload();
    await expect(parentPage.getByText(/downloaded \(each link works once\)/)).toBeVisible();
    await parentPage.getByRole("button", { name: "Delete the information now" }).click();
    await expect(parentPage.getByText(/We are deleting the information now/)).toBeVisible();
    await mailbox.waitFor(filed.parentEmail, { subject: /has been deleted/, since: filed.since, timeout: 60_000 });
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE id = $1`, [child.id])).toBe(0);
    await parent.close();
  });

  test("links: an expired confirmation link is refused, a tampered or guessed status link is not found", async ({
    page,
    mailbox,
    request,
  }) => {
    const parentEmail = uniqueEmail("parent-late");
    const since = new Date();
    await fileRequest(page, { parentEmail, identifiers: uniqueEmail("kid") });
    const confirm = await mailbox.waitFor(parentEmail, { subject: /Confirm your request/, since });
    await getTestDb().query(
      `UPDATE "ParentRequest" SET "confirmExpiresAt" = now() - interval '1 minute' WHERE "parentEmail" = $1`,
      [parentEmail],
    );
    await page.goto(Mailbox.link(confirm, "/parents/confirm"));
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    expect(
      (await queryOne<{ status: string }>(`SELECT status FROM "ParentRequest" WHERE "parentEmail" = $1`, [
        parentEmail,
      ]))!.status,
    ).toBe("AWAITING_EMAIL");

    // The status link of an unconfirmed request does not work yet; guessed and altered ones never do.
    const token = new URL(Mailbox.link(confirm, "/parents/confirm")).searchParams.get("token")!;
    expect((await request.get(`/parents/status?token=${token.split(".")[1]}`)).status()).toBe(404);
    expect((await request.get(`/parents/status?token=${randomBytes(32).toString("base64url")}`)).status()).toBe(404);
    expect((await request.get(`/parents/status?token=x`)).status()).toBe(404);
    expect(
      (await request.get(`/api/parents/download?token=${randomBytes(32).toString("base64url")}&link=abc`)).status(),
    ).toBe(404);
  });

  test("bad input, rate limits per address and per IP, and a non-admin cannot see the queue", async ({
    page,
    signIn,
  }) => {
    await page.goto("/parents");
    await page.getByRole("button", { name: "Send my request" }).click();
    await expect(page.getByText("Enter at least one email address or username your child used.")).toBeVisible();
    await expect(page.getByText("Confirm that you are the child's parent or legal guardian.")).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");

    const parentEmail = uniqueEmail("parent-busy");
    for (let i = 0; i < 3; i++) {
      await fileRequest(page, { parentEmail, identifiers: uniqueEmail("kid") });
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await fileRequest(page, { parentEmail, identifiers: uniqueEmail("kid") });
    await expect(page.getByText(/Several requests were already sent from this address today/)).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "ParentRequest" WHERE "parentEmail" = $1`, [parentEmail])).toBe(3);

    for (let i = 0; i < 6; i++) {
      await fileRequest(page, { parentEmail: uniqueEmail("parent-ip"), identifiers: uniqueEmail("kid") });
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await fileRequest(page, { parentEmail: uniqueEmail("parent-ip"), identifiers: uniqueEmail("kid") });
    await expect(page.getByText(/Too many requests from your network/)).toBeVisible();

    const outsider = uniqueEmail("not-admin");
    await createUser(outsider);
    await signIn(page, outsider);
    expect((await page.goto("/admin/parents"))?.status()).toBe(404);
  });

  test("the parents' pages pass an automated accessibility check", async ({ page, mailbox, signIn }) => {
    await page.goto("/parents");
    const results = [await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze()];
    const filed = await fileAndConfirm(page, mailbox, { identifiers: uniqueEmail("kid") });
    results.push(await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze());
    await signIn(page, "admin@example.com");
    for (const path of ["/admin/parents", `/admin/parents/${filed.requestId}`]) {
      await page.goto(path);
      results.push(await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze());
    }
    const serious = results.flatMap((result) =>
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${result.url}: ${v.id}`),
    );
    expect(serious).toEqual([]);
  });
});
