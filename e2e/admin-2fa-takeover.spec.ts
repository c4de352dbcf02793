// Holding an admin's mailbox (a fresh signed-in session) must never be enough to become
// that admin (issue 17): an enrolled admin's factors change only with the existing factor
// (or a recovery code) passed within the step-up window; every change is emailed and
// audited; an admin who lost every factor is reset by another admin with step-up.
import AxeBuilder from "@axe-core/playwright";
import { generate } from "otplib";
import { createUser, expect, getTestDb, Mailbox, queryCount, queryOne, test, uniqueEmail } from "./fixtures";
import { callAction } from "./fixtures/actions";
import {
  addVirtualAuthenticator,
  auditCount,
  enrolWithApp,
  freshSession,
  makeRegistrationResponse,
  totpCode,
  unusedRecoveryHashes,
  verifyWithApp,
} from "./fixtures/second-factor";

const VERIFY_ACTIONS = "app/(auth)/admin-verify/actions.ts";
const verifyAction = (name: string) => ({ file: VERIFY_ACTIONS, name, page: "/admin-verify" });
const securityAction = (name: string) => ({ file: "app/admin/security/actions.ts", name, page: "/admin/security" });

/** The TOTP code of `secret` at the time `ms` (for a context whose test clock is there). */
const codeAt = (secret: string, ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) });

const secondFactorAt = async (sessionToken: string) =>
  (await queryOne<{ secondFactorAt: Date | null }>(`SELECT "secondFactorAt" FROM "Session" WHERE "sessionToken" = $1`, [
    sessionToken,
  ]))!.secondFactorAt;

/** The admin area answers as for an admin who has not passed the factor: pages send them to verify. */
async function expectKeptOut(request: import("@playwright/test").APIRequestContext) {
  for (const path of ["/admin", "/admin/audit"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location, path).toContain("/admin-verify");
  }
}

test.describe("changing an admin's second factor", () => {
  test("a fresh session of an admin with an authenticator app cannot replace it: refused, old app still works, codes unchanged", async ({
    page,
    context,
    baseURL,
    browser,
  }) => {
    const email = uniqueEmail("takeover-totp");
    const userId = await createUser(email, { role: "ADMIN" });
    await freshSession(context, userId, baseURL!);
    const { secret } = await enrolWithApp(page);
    const codesBefore = await unusedRecoveryHashes(userId);
    expect(codesBefore).toHaveLength(10);

    // Someone who opened the sign-in email: a new session without the second factor.
    const attacker = await browser.newContext({ baseURL });
    const attackerSession = await freshSession(attacker, userId, baseURL!);
    const start = await callAction(attacker.request, baseURL!, verifyAction("totpStartAction"), {});
    expect(start.result?.ok, "a new authenticator secret for an enrolled admin without step-up").toBe(false);
    expect(start.result?.code).toBe("FORBIDDEN");
    // Even with a code from a secret of their own, confirming is refused.
    const theirSecret =
      typeof start.result?.data?.secret === "string" ? start.result.data.secret : "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const confirm = await callAction(attacker.request, baseURL!, verifyAction("totpConfirmAction"), {
      code: await totpCode(theirSecret),
    });
    expect(confirm.result?.ok).toBe(false);
    expect(confirm.result?.data?.recoveryCodes ?? []).toEqual([]);

    expect(await secondFactorAt(attackerSession)).toBeNull();
    await expectKeptOut(attacker.request);
    expect(await unusedRecoveryHashes(userId)).toEqual(codesBefore);
    expect(await auditCount(userId, "admin.2fa.enrolled")).toBe(1);
    expect(await auditCount(userId, "admin.2fa.change_refused")).toBeGreaterThanOrEqual(2);
    await attacker.close();

    // The real admin's app still opens a new session.
    await freshSession(context, userId, baseURL!);
    await verifyWithApp(page, secret, 1);
  });

  test("a fresh session of an enrolled admin cannot register a passkey (nor an authenticator app)", async ({
    page,
    context,
    baseURL,
    browser,
  }) => {
    const email = uniqueEmail("takeover-passkey");
    const userId = await createUser(email, { role: "ADMIN" });
    await freshSession(context, userId, baseURL!);
    await addVirtualAuthenticator(context, page);
    await page.goto("/admin");
    await page.getByRole("button", { name: "Set up a passkey" }).click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    const codesBefore = await unusedRecoveryHashes(userId);

    const attacker = await browser.newContext({ baseURL });
    const attackerSession = await freshSession(attacker, userId, baseURL!);
    const attackerPage = await attacker.newPage();
    await addVirtualAuthenticator(attacker, attackerPage);
    await attackerPage.goto("/admin");
    await expect(attackerPage).toHaveURL(/\/admin-verify/);

    const options = await callAction(attacker.request, baseURL!, verifyAction("passkeyOptionsAction"), {
      purpose: "register",
    });
    expect(options.result?.ok, "registration options for an enrolled admin without step-up").toBe(false);
    expect(options.result?.code).toBe("FORBIDDEN");
    // A challenge this session can get (the sign-in one), answered with a brand-new credential.
    const signInOptions = await callAction(attacker.request, baseURL!, verifyAction("passkeyOptionsAction"), {
      purpose: "authenticate",
    });
    expect(signInOptions.result?.ok).toBe(true);
    const { challenge } = JSON.parse(String(signInOptions.result!.data!.options)) as { challenge: string };
    const register = await callAction(attacker.request, baseURL!, verifyAction("passkeyRegisterAction"), {
      response: await makeRegistrationResponse(attackerPage, { challenge, userName: email }),
    });
    expect(register.result?.ok, "a passkey registered without step-up").toBe(false);
    const totp = await callAction(attacker.request, baseURL!, verifyAction("totpStartAction"), {});
    expect(totp.result?.ok).toBe(false);

    expect(await queryCount(`SELECT count(*) FROM "PasskeyCredential" WHERE "userId" = $1`, [userId])).toBe(1);
    expect(await queryCount(`SELECT count(*) FROM "TotpCredential" WHERE "userId" = $1`, [userId])).toBe(0);
    expect(await secondFactorAt(attackerSession)).toBeNull();
    await expectKeptOut(attacker.request);
    expect(await unusedRecoveryHashes(userId)).toEqual(codesBefore);
    await attacker.close();
  });

  test("with the app passed in the last 10 minutes the admin replaces it and makes new codes; each change and a recovery code's use is emailed", async ({
    page,
    context,
    baseURL,
    browser,
    mailbox,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("replace-totp");
    const userId = await createUser(email, { role: "ADMIN" });
    const sessionToken = await freshSession(context, userId, baseURL!);
    const since = new Date();
    const { secret: oldSecret, codes: oldCodes } = await enrolWithApp(page);
    await mailbox.waitFor(email, { subject: /second factor was set up/i, since });

    // Start a replacement: the pending secret does not disable the app in use.
    await page.goto("/admin/security");
    await expect(page.getByRole("heading", { name: "Your second factor" })).toBeVisible();
    await page.getByRole("button", { name: "Replace authenticator app" }).click();
    const newSecret = (await page.getByTestId("totp-secret").textContent())!.trim();
    expect(newSecret).not.toBe(oldSecret);
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await freshSession(other, userId, baseURL!);
    await verifyWithApp(otherPage, oldSecret, 1);

    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("That did not work")).toBeVisible();
    await page.getByLabel("Code from the app").fill(await totpCode(newSecret));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Your authenticator app was replaced.")).toBeVisible();
    await mailbox.waitFor(email, { subject: /authenticator app was replaced/i, since });
    expect(await auditCount(userId, "admin.2fa.replaced")).toBe(1);
    // Replacing did not make new recovery codes.
    expect(
      await queryCount(`SELECT count(*) FROM "RecoveryCode" WHERE "userId" = $1 AND "usedAt" IS NULL`, [userId]),
    ).toBe(10);

    // Now only the new app opens a session. Five minutes later (the test clock), so that a code
    // from the old app would be a fresh one were it still accepted.
    const laterMs = Date.now() + 5 * 60_000;
    const later = await browser.newContext({
      baseURL,
      extraHTTPHeaders: { "x-test-now": new Date(laterMs).toISOString() },
    });
    const laterPage = await later.newPage();
    await freshSession(later, userId, baseURL!);
    await laterPage.goto("/admin-verify");
    await laterPage.getByLabel("Code from your authenticator app").fill(await codeAt(oldSecret, laterMs));
    await laterPage.getByRole("button", { name: "Verify" }).click();
    await expect(laterPage.getByText("That did not work")).toBeVisible();
    await laterPage.getByLabel("Code from your authenticator app").fill(await codeAt(newSecret, laterMs));
    await laterPage.getByRole("button", { name: "Verify" }).click();
    await expect(laterPage).toHaveURL(/\/admin$/);
    await other.close();

    // New recovery codes need a fresh check too; a recovery code is one.
    await getTestDb().query(
      `UPDATE "Session" SET "secondFactorAt" = now() - interval '20 minutes' WHERE "sessionToken" = $1`,
      [sessionToken],
    );
    await page.goto("/admin/security");
    await page.getByRole("button", { name: "Make new recovery codes" }).click();
    await expect(page.getByText("This action needs a fresh check of your second factor")).toBeVisible();
    expect(await unusedRecoveryHashes(userId)).toHaveLength(10);
    await page.goto("/admin-verify?next=/admin/security");
    await page.getByText("Lost your passkey or phone? Use a recovery code").click();
    await page.getByLabel("Recovery code").fill(oldCodes[1]);
    await page.getByRole("button", { name: "Use recovery code" }).click();
    await expect(page).toHaveURL(/\/admin\/security$/);
    const used = await mailbox.waitFor(email, { subject: /recovery code was used/i, since });
    expect(used.text).toContain("9 recovery codes left");
    await page.getByRole("button", { name: "Make new recovery codes" }).click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    const newCodes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
    expect(newCodes.filter((code) => oldCodes.includes(code))).toEqual([]);
    await mailbox.waitFor(email, { subject: /new recovery codes/i, since });
    expect(await auditCount(userId, "admin.2fa.recovery_regenerated")).toBe(1);

    // An old code no longer works; a new one does, and its use is emailed again.
    await freshSession(later, userId, baseURL!);
    await laterPage.goto("/admin-verify");
    await laterPage.getByText("Lost your passkey or phone? Use a recovery code").click();
    await laterPage.getByLabel("Recovery code").fill(oldCodes[0]);
    await laterPage.getByRole("button", { name: "Use recovery code" }).click();
    await expect(laterPage.getByText("That did not work")).toBeVisible();
    const beforeUse = new Date();
    await laterPage.getByLabel("Recovery code").fill(newCodes[0]);
    await laterPage.getByRole("button", { name: "Use recovery code" }).click();
    await expect(laterPage).toHaveURL(/\/admin$/);
    await expect
      .poll(
        async () =>
          (await mailbox.list(email)).filter((message) => /recovery code was used/i.test(message.subject)).length,
      )
      .toBe(2);
    expect((await mailbox.waitFor(email, { subject: /recovery code was used/i, since: beforeUse })).text).toContain(
      "9 recovery codes left",
    );
    expect(await auditCount(userId, "admin.2fa.recovery_used")).toBe(2);
    await later.close();
  });

  test("with step-up the admin adds a passkey and removes the app, but never the last factor; each change is emailed", async ({
    page,
    context,
    baseURL,
    mailbox,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("add-passkey");
    const userId = await createUser(email, { role: "ADMIN" });
    await freshSession(context, userId, baseURL!);
    const since = new Date();
    await enrolWithApp(page);
    await addVirtualAuthenticator(context, page);

    await page.goto("/admin/security");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await expect(page.getByText("Your passkey was added.")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "PasskeyCredential" WHERE "userId" = $1`, [userId])).toBe(1);
    await mailbox.waitFor(email, { subject: /passkey was added/i, since });
    expect(await auditCount(userId, "admin.2fa.added")).toBe(1);

    await page.reload();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove authenticator app" }).click();
    await expect(page.getByText("Your authenticator app was removed.")).toBeVisible();
    await mailbox.waitFor(email, { subject: /authenticator app was removed/i, since });
    expect(await queryCount(`SELECT count(*) FROM "TotpCredential" WHERE "userId" = $1`, [userId])).toBe(0);

    // The passkey is now the only factor: no button, and the action refuses.
    await page.reload();
    await expect(page.getByRole("button", { name: /^Remove passkey/ })).toHaveCount(0);
    const passkeyId = (await queryOne<{ id: string }>(`SELECT id FROM "PasskeyCredential" WHERE "userId" = $1`, [
      userId,
    ]))!.id;
    const removal = await callAction(context.request, baseURL!, securityAction("removePasskeyAction"), {
      id: passkeyId,
    });
    expect(removal.result).toMatchObject({ ok: false, code: "INVALID_STATE" });
    expect(await queryCount(`SELECT count(*) FROM "PasskeyCredential" WHERE "userId" = $1`, [userId])).toBe(1);
    expect(await auditCount(userId, "admin.2fa.removed")).toBe(1);

    // The added passkey opens a new session (it lives in this page's virtual authenticator).
    await freshSession(context, userId, baseURL!);
    await page.goto("/admin/requests");
    await page.getByRole("button", { name: "Use my passkey" }).click();
    await expect(page).toHaveURL(/\/admin\/requests$/);
  });

  test("break-glass: another admin with step-up resets an admin's factors, never their own; both are emailed", async ({
    page,
    context,
    baseURL,
    browser,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const lostEmail = uniqueEmail("lost-factor");
    const lostId = await createUser(lostEmail, { role: "ADMIN" });
    const lostSession = await freshSession(context, lostId, baseURL!);
    await enrolWithApp(page);

    const helperEmail = uniqueEmail("helper-admin");
    const helperId = await createUser(helperEmail, { role: "ADMIN" });
    const helper = await browser.newContext({ baseURL });
    const helperPage = await helper.newPage();
    const helperMail = new Mailbox(helper.request);
    await signIn(helperPage, helperEmail);
    const since = new Date();

    // Without a fresh check the reset is refused.
    await getTestDb().query(
      `UPDATE "Session" SET "secondFactorAt" = now() - interval '20 minutes' WHERE "userId" = $1`,
      [helperId],
    );
    await helperPage.goto("/admin/security");
    expect(
      await new AxeBuilder({ page: helperPage })
        .withTags(["wcag2a", "wcag2aa"])
        .analyze()
        .then((r) => r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")),
    ).toEqual([]);
    const form = helperPage.getByRole("form", { name: `Reset the second factor of ${lostEmail}` });
    const openForm = () =>
      helperPage
        .getByRole("listitem")
        .filter({ hasText: lostEmail })
        .getByText("Reset this admin's second factor")
        .click();
    await openForm();
    await form.getByLabel("Reason").fill("Lost phone, confirmed by a video call");
    await form.getByLabel(/I have confirmed/).check();
    await form.getByRole("button", { name: "Reset second factor" }).click();
    await expect(helperPage.getByText("This action needs a fresh check of your second factor")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "TotpCredential" WHERE "userId" = $1`, [lostId])).toBe(1);

    // Never one's own factors, even with a fresh check.
    await getTestDb().query(`UPDATE "Session" SET "secondFactorAt" = now() WHERE "userId" = $1`, [helperId]);
    const own = await callAction(helper.request, baseURL!, securityAction("resetAdminFactorsAction"), {
      userId: helperId,
      reason: "Trying to skip my own factor",
      confirm: "on",
    });
    expect(own.result).toMatchObject({ ok: false, code: "FORBIDDEN" });

    // With a fresh check: reset, audited, both emailed, the admin's sessions lose their mark.
    await helperPage.goto("/admin/security");
    await openForm();
    await form.getByLabel("Reason").fill("Lost phone, confirmed by a video call");
    await form.getByLabel(/I have confirmed/).check();
    await form.getByRole("button", { name: "Reset second factor" }).click();
    await expect(helperPage.getByText(`The second factor of ${lostEmail} was reset.`)).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "TotpCredential" WHERE "userId" = $1`, [lostId])).toBe(0);
    expect(await queryCount(`SELECT count(*) FROM "RecoveryCode" WHERE "userId" = $1`, [lostId])).toBe(0);
    expect(await secondFactorAt(lostSession)).toBeNull();
    expect(await auditCount(helperId, "admin.2fa.reset")).toBe(1);
    const lostMail = await helperMail.waitFor(lostEmail, { subject: /second factor was reset/i, since });
    expect(lostMail.text).toContain(helperEmail);
    await helperMail.waitFor(helperEmail, { subject: /you reset/i, since });
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Protect the admin area" })).toBeVisible();

    // Not an admin: not found.
    const userEmail = uniqueEmail("not-admin-reset");
    await createUser(userEmail);
    const user = await browser.newContext({ baseURL });
    await signIn(await user.newPage(), userEmail);
    const refused = await callAction(user.request, baseURL!, securityAction("resetAdminFactorsAction"), {
      userId: helperId,
      reason: "Not my business at all",
      confirm: "on",
    });
    expect(refused.status).toBe(404);
    await helper.close();
    await user.close();
  });
});
