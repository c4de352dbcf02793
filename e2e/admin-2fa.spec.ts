// The admin second factor: enrolment (authenticator app and passkey), a check in
// every new session, single-use recovery codes, step-up before destructive actions,
// lockout after repeated failures, and an audit row for each. Every admin here is a
// fresh account whose sessions start without the second factor.
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import { createUser, expect, getTestDb, queryCount, queryOne, test, uniqueEmail } from "./fixtures";
import { auditCount, enrolWithApp, freshSession, totpCode } from "./fixtures/second-factor";

test.describe("admin second factor", () => {
  test("a new admin is kept out until enrolled with an authenticator app; each new session asks again; recovery codes work once", async ({
    page,
    signIn,
    context,
    baseURL,
  }) => {
    const email = uniqueEmail("admin-totp");
    const userId = await createUser(email, { role: "ADMIN" });
    // The real emailed-link sign-in: the link alone does not open the admin area.
    await signIn(page, email, { viaEmail: true });
    await expect(page.getByText("Set up your second factor for the admin area")).toBeVisible();
    await page.getByRole("link", { name: "Set it up now" }).click();
    await expect(page.getByRole("heading", { name: "Protect the admin area" })).toBeVisible();
    await page.goto("/admin/requests");
    await expect(page).toHaveURL(/\/admin-verify\?next=%2Fadmin%2Frequests/);
    expect(
      await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa"])
        .analyze()
        .then((r) => r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")),
    ).toEqual([]);

    // Enrolment: a wrong code first (refused and audited), then the app's code.
    await page.goto("/admin");
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("That did not work. Check the code")).toBeVisible();
    await page.getByLabel("Code from the app").fill(await totpCode(secret));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    const codes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
    expect(new Set(codes).size).toBe(10);
    // The codes can be kept: downloaded as a text file, and copied (with a status saying so).
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download as a text file" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("recovery-codes.txt");
    const saved = fs.readFileSync((await download.path())!, "utf8");
    for (const code of codes) expect(saved).toContain(code);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy the codes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied the 10 codes" })).toBeVisible();
    expect((await page.evaluate(() => navigator.clipboard.readText())).split("\n")).toEqual(codes);
    await page.getByRole("button", { name: "I have saved them: continue" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    // Stored hashed: no recovery code or TOTP secret in plain text.
    const stored = await getTestDb().query<{ codeHash: string }>(
      `SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = $1`,
      [userId],
    );
    expect(stored.rows).toHaveLength(10);
    for (const code of codes)
      expect(stored.rows.map((row) => row.codeHash).join()).not.toContain(code.replace("-", ""));
    expect(
      JSON.stringify(await queryOne(`SELECT * FROM "TotpCredential" WHERE "userId" = $1`, [userId])),
    ).not.toContain(secret);
    expect(await auditCount(userId, "admin.2fa.enrolled")).toBe(1);
    expect(await auditCount(userId, "admin.2fa.failed")).toBe(1);

    // A new session on the same account asks for the second factor again.
    await freshSession(context, userId, baseURL!);
    await page.goto("/admin/policies");
    await expect(page).toHaveURL(/\/admin-verify\?next=%2Fadmin%2Fpolicies/);
    await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
    await page.getByLabel("Code from your authenticator app").fill(await totpCode(secret, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/admin\/policies$/);
    expect(await auditCount(userId, "admin.2fa.verified")).toBe(1);

    // Recovery code: works once, then never again.
    await freshSession(context, userId, baseURL!);
    await page.goto("/admin-verify");
    await page.getByText("Lost your passkey or phone? Use a recovery code").click();
    await page.getByLabel("Recovery code").fill(codes[3]);
    await page.getByRole("button", { name: "Use recovery code" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await freshSession(context, userId, baseURL!);
    await page.goto("/admin-verify");
    await page.getByText("Lost your passkey or phone? Use a recovery code").click();
    await page.getByLabel("Recovery code").fill(codes[3]);
    await page.getByRole("button", { name: "Use recovery code" }).click();
    await expect(page.getByText("That did not work")).toBeVisible();
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin-verify/);
    expect(await auditCount(userId, "admin.2fa.recovery_used")).toBe(1);
    expect(
      await queryCount(`SELECT count(*) FROM "RecoveryCode" WHERE "userId" = $1 AND "usedAt" IS NULL`, [userId]),
    ).toBe(9);
  });

  test("a passkey enrols and verifies through Chromium's virtual authenticator", async ({ page, context, baseURL }) => {
    const email = uniqueEmail("admin-passkey");
    const userId = await createUser(email, { role: "ADMIN" });
    await freshSession(context, userId, baseURL!);
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin-verify/);
    await page.getByRole("button", { name: "Set up a passkey" }).click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    expect(await queryCount(`SELECT count(*) FROM "PasskeyCredential" WHERE "userId" = $1`, [userId])).toBe(1);
    await page.getByRole("button", { name: "I have saved them: continue" }).click();
    await expect(page).toHaveURL(/\/admin$/);

    await freshSession(context, userId, baseURL!);
    await page.goto("/admin/requests");
    await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
    await page.getByRole("button", { name: "Use my passkey" }).click();
    await expect(page).toHaveURL(/\/admin\/requests$/);
    expect(await auditCount(userId, "admin.2fa.enrolled")).toBe(1);
    expect(await auditCount(userId, "admin.2fa.verified")).toBe(1);
    expect(
      (await queryOne<{ lastUsedAt: Date | null }>(`SELECT "lastUsedAt" FROM "PasskeyCredential" WHERE "userId" = $1`, [
        userId,
      ]))!.lastUsedAt,
    ).not.toBeNull();
  });

  test("erasing an account needs the second factor within 10 minutes; five wrong codes lock the check", async ({
    page,
    context,
    baseURL,
    browser,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("admin-stepup");
    const userId = await createUser(email, { role: "ADMIN" });
    const sessionToken = await freshSession(context, userId, baseURL!);
    const { secret } = await enrolWithApp(page);

    // A person files a deletion request.
    const personEmail = uniqueEmail("stepup-person");
    const personId = await createUser(personEmail);
    const personContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.7.7" } });
    const personPage = await personContext.newPage();
    await signIn(personPage, personEmail);
    await personPage.goto("/account/requests/new");
    await personPage.getByRole("radio", { name: /^Delete my data/ }).check();
    await personPage.getByRole("button", { name: "Send request" }).click();
    await expect(personPage.getByText("Request received")).toBeVisible();
    const requestId = personPage.url().split("/account/requests/")[1].split("?")[0];
    await personContext.close();

    // The check was passed 20 minutes ago: the admin area opens, the erasure does not.
    await getTestDb().query(
      `UPDATE "Session" SET "secondFactorAt" = now() - interval '20 minutes' WHERE "sessionToken" = $1`,
      [sessionToken],
    );
    await page.goto(`/admin/requests/${requestId}`);
    await page.getByLabel("I understand the account is erased for good.").check();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Erase the account" }).click();
    await expect(page.getByText("This action needs a fresh check of your second factor")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE id = $1`, [personId])).toBe(1);

    // "Confirm it's you", then the same action goes through.
    await page.goto(`/admin-verify?next=${encodeURIComponent(`/admin/requests/${requestId}`)}`);
    await page.getByLabel("Code from your authenticator app").fill(await totpCode(secret, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/requests/${requestId}$`));
    await page.getByLabel("I understand the account is erased for good.").check();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Erase the account" }).click();
    await expect
      .poll(
        async () =>
          (await queryOne<{ status: string }>(`SELECT status FROM "PrivacyRequest" WHERE id = $1`, [requestId]))!
            .status,
        { timeout: 60_000 },
      )
      .toBe("COMPLETED");

    // Lockout: five wrong codes in a new session, then even the right code is refused for now.
    await freshSession(context, userId, baseURL!);
    await page.goto("/admin-verify");
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.getByLabel("Code from your authenticator app").fill(String(100000 + attempt));
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page.getByText("That did not work")).toBeVisible();
      await page.reload();
    }
    await page.getByLabel("Code from your authenticator app").fill(await totpCode(secret, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText(/Too many wrong codes\. Please wait/)).toBeVisible();
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin-verify/);
    expect(await auditCount(userId, "admin.2fa.failed")).toBe(5);
  });

  test("a signed-in non-admin gets 404 on the verification page", async ({ page, signIn }) => {
    const email = uniqueEmail("not-admin");
    await createUser(email);
    await signIn(page, email);
    const response = await page.goto("/admin-verify");
    expect(response!.status()).toBe(404);
  });
});
