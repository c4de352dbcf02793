// Correction: direct edits, email change by confirmation link (and notice to
// the old address), "this is wrong" correction requests, cross-user refusals.
import { Mailbox, expect, queryCount, queryOne, test, uniqueEmail } from "./fixtures";

async function userIdOf(email: string) {
  return (await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))!.id;
}

test.describe("Correcting your data", () => {
  test("name and contact details are edited directly, with validation", async ({ page, signIn }) => {
    const email = uniqueEmail("profile");
    await signIn(page, email);
    await page.goto("/account/profile");
    await page.getByLabel("Full name").fill("Carol Correct");
    await page.getByLabel("Phone").fill("+44 20 7946 0000");
    await page.getByLabel("City").fill("London");
    await page.getByLabel("Country").fill("gbr");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("Use the two-letter country code, e.g. US or DE.").first()).toBeVisible();
    await page.getByLabel("Country").fill("gb");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("Your details were saved.")).toBeVisible();
    const id = await userIdOf(email);
    const row = await queryOne<{ name: string; phone: string; city: string; country: string }>(
      `SELECT u.name, p.phone, p.city, p.country FROM "User" u JOIN "Profile" p ON p."userId" = u.id WHERE u.id = $1`,
      [id],
    );
    expect(row).toEqual({ name: "Carol Correct", phone: "+44 20 7946 0000", city: "London", country: "GB" });
    const audit = await queryOne<{ metadata: { fields: string[] } }>(
      `SELECT a.metadata FROM "AuditLog" a JOIN "PersonKey" k ON k.ref = a."actorId" WHERE k."userId" = $1 AND a.action = 'profile.updated'`,
      [id],
    );
    expect(audit!.metadata.fields).toEqual(expect.arrayContaining(["name", "phone", "city", "country"]));
    expect(JSON.stringify(audit!.metadata)).not.toContain("7946");
  });

  test("a new email address takes effect only after its confirmation link, and the old one is told", async ({
    page,
    signIn,
    mailbox,
  }) => {
    const oldEmail = uniqueEmail("old");
    const newEmail = uniqueEmail("new");
    await signIn(page, oldEmail);
    const id = await userIdOf(oldEmail);
    await page.goto("/account/profile");
    const since = new Date();
    await page.getByLabel("New email address").fill(oldEmail);
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await expect(page.getByText("That is already your email address.").first()).toBeVisible();
    await page.getByLabel("New email address").fill("not-an-address");
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await page.getByLabel("New email address").fill(newEmail.toUpperCase());
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await expect(page.getByText(`We sent a confirmation link to ${newEmail}`)).toBeVisible();
    // Nothing changed yet; the old address heard about the request.
    expect((await queryOne<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [id]))!.email).toBe(oldEmail);
    await mailbox.waitFor(oldEmail, { subject: /change of your sign-in email address was requested/i, since });
    const confirm = await mailbox.waitFor(newEmail, { subject: /confirm your new email/i, since });
    const link = Mailbox.link(confirm, "/email-change/confirm");
    const token = new URL(link).searchParams.get("token")!;
    const stored = await queryOne<{ tokenHash: string }>(
      `SELECT "tokenHash" FROM "PendingEmailChange" WHERE "userId" = $1`,
      [id],
    );
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toContain(token);

    // A tampered token is refused; opening the real link alone changes nothing.
    await page.goto(`/email-change/confirm?token=${token.slice(0, -2)}xx`);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await page.goto(link);
    await expect(page.getByText(newEmail)).toBeVisible();
    expect((await queryOne<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [id]))!.email).toBe(oldEmail);
    await page.getByRole("button", { name: "Confirm new address" }).click();
    await expect(page.getByRole("heading", { name: "Your email address was changed" })).toBeVisible();
    expect((await queryOne<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [id]))!.email).toBe(newEmail);
    await mailbox.waitFor(oldEmail, { subject: /sign-in email address was changed/i, since });
    await page.goto("/account/profile");
    await expect(page.getByTestId("current-email")).toHaveText(newEmail);
    // The link works once.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  });

  test("an expired email-change link is refused", async ({ page, signIn, mailbox }) => {
    const oldEmail = uniqueEmail("exp");
    const newEmail = uniqueEmail("exp-new");
    await signIn(page, oldEmail);
    await page.goto("/account/profile");
    const since = new Date();
    await page.getByLabel("New email address").fill(newEmail);
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    const link = Mailbox.link(await mailbox.waitFor(newEmail, { subject: /confirm/i, since }), "/email-change/confirm");
    await queryOne(`UPDATE "PendingEmailChange" SET "expiresAt" = now() - interval '1 minute' WHERE "newEmail" = $1`, [
      newEmail,
    ]);
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE email = $1`, [newEmail])).toBe(0);
  });

  test("'this is wrong' files a GDPR correction request pre-filled with the item, only for your own items", async ({
    page,
    signIn,
    browser,
  }) => {
    const email = uniqueEmail("wrong");
    await signIn(page, email);
    const id = await userIdOf(email);
    const log = await queryOne<{ id: string }>(
      `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, "geoCity", path) VALUES ($1, now(), '203.0.113.77', 'Atlantis', '/pricing') RETURNING id::text`,
      [id],
    );
    await page.goto("/account/data/server-logs");
    await page
      .locator(`tr[data-row-id="${log!.id}"]`)
      .getByRole("link", { name: /This is wrong/ })
      .click();
    await expect(page.getByTestId("item")).toContainText("Atlantis");
    await page.getByLabel("What is wrong?").fill("I have never been to Atlantis.");
    await page.getByLabel("What should it be? (optional)").fill("Lisbon");
    await page.getByRole("button", { name: "File correction request" }).click();
    await expect(page.getByText("Correction request filed")).toBeVisible();
    const requestId = await page.getByTestId("request-id").innerText();
    const request = await queryOne<{
      type: string;
      status: string;
      jurisdiction: string;
      details: string;
      subject: { dataset: string; id: string; item: { geoCity: string }; proposedValue: string };
      dueAt: Date;
      createdAt: Date;
    }>(
      `SELECT type, status, jurisdiction, details, subject, "dueAt", "createdAt" FROM "PrivacyRequest" WHERE id = $1 AND "userId" = $2`,
      [requestId, id],
    );
    // Filed while signed in: identity is verified by the session.
    expect(request).toMatchObject({
      type: "CORRECTION",
      status: "VERIFIED",
      jurisdiction: "GDPR",
      subject: { dataset: "server-logs", id: log!.id, item: { geoCity: "Atlantis" }, proposedValue: "Lisbon" },
    });
    expect(request!.details).toContain("Atlantis");
    const days = (new Date(request!.dueAt).getTime() - new Date(request!.createdAt).getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);
    expect(
      await queryCount(`SELECT count(*) FROM "PrivacyRequestEvent" WHERE "requestId" = $1 AND status = 'RECEIVED'`, [
        requestId,
      ]),
    ).toBe(1);

    // Another person can neither open the item nor file a request about it by forging the form.
    const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.251.7" } });
    const otherPage = await other.newPage();
    const intruder = uniqueEmail("intruder");
    await signIn(otherPage, intruder);
    expect((await otherPage.goto(`/account/data/correction?dataset=server-logs&id=${log!.id}`))!.status()).toBe(404);
    const own = await queryOne<{ id: string }>(
      `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) VALUES ($1, now(), '192.0.2.1', '/') RETURNING id::text`,
      [await userIdOf(intruder)],
    );
    await otherPage.goto(`/account/data/correction?dataset=server-logs&id=${own!.id}`);
    await otherPage
      .locator('input[name="itemId"]')
      .evaluate((input, value) => ((input as HTMLInputElement).value = value), log!.id);
    await otherPage.getByLabel("What is wrong?").fill("Forged request for someone else's record");
    await otherPage.getByRole("button", { name: "File correction request" }).click();
    await expect(otherPage.getByText("We could not find that item in your data.")).toBeVisible();
    expect(
      await queryCount(`SELECT count(*) FROM "PrivacyRequest" WHERE "userId" = $1`, [await userIdOf(intruder)]),
    ).toBe(0);
    await other.close();
  });
});
