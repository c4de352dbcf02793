import AxeBuilder from "@axe-core/playwright";
import { Mailbox, createUser, expect, queryCount, queryOne, requestSignInLink, test, uniqueEmail } from "./fixtures";

test.describe("magic-link sign-in", () => {
  test("alice signs in through the emailed link, sees her account and signs out", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com", { viaEmail: true });
    await expect(page.getByRole("heading", { name: "Hello, Alice Example" })).toBeVisible();
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, ["alice@example.com"]);
    const cookie = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
    expect(cookie).toBeTruthy();
    // The browser's cookie names exactly one database session, and it is alice's.
    expect(await queryCount(`SELECT count(*) FROM "Session" WHERE "sessionToken" = $1 AND "userId" = $2`, [cookie!.value, user!.id])).toBe(1);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    // Sign-out deleted this session's row on the server.
    expect(await queryCount(`SELECT count(*) FROM "Session" WHERE "sessionToken" = $1`, [cookie!.value])).toBe(0);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the stored token is a hash and expires within 10 minutes", async ({ page, mailbox }) => {
    const email = uniqueEmail("hash");
    const link = await requestSignInLink(page, mailbox, email);
    const token = new URL(link).searchParams.get("token")!;
    const row = await queryOne<{ token: string; expires: Date }>(`SELECT token, expires FROM "VerificationToken" WHERE identifier = $1`, [email]);
    expect(row!.token).not.toBe(token);
    expect(row!.token).toMatch(/^[0-9a-f]{64}$/);
    const minutesLeft = (new Date(row!.expires).getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(8);
    expect(minutesLeft).toBeLessThanOrEqual(10.05);
  });

  test("an unknown address gets exactly the same response as a known one", async ({ page, mailbox }) => {
    const known = uniqueEmail("known");
    await createUser(known);
    const unknown = uniqueEmail("nobody");
    const pages: string[] = [];
    for (const email of [known, unknown]) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: /email me a sign-in link/i }).click();
      await expect(page).toHaveURL(/\/signin\/check-email$/);
      pages.push((await page.locator("main").innerText()).trim());
    }
    expect(pages[0]).toBe(pages[1]);
    // Both receive the same kind of email; the unknown address has no account yet.
    await mailbox.waitFor(unknown, { subject: /sign in/i });
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE email = $1`, [unknown])).toBe(0);
  });

  test("opening the link (GET) alone does not sign in or use up the token", async ({ page, mailbox, request }) => {
    // Tests run in parallel: each uses its own account so no other test's link can arrive in between.
    const email = uniqueEmail("scanner");
    await createUser(email, { name: "Scanner Target" });
    const link = await requestSignInLink(page, mailbox, email);
    const url = new URL(link);
    // A mail scanner following the link, and one hitting Auth.js's raw callback.
    const scanned = await request.get(link);
    expect(scanned.status()).toBe(200);
    const raw = await request.get(`/api/auth/callback/nodemailer${url.search}`, { maxRedirects: 0 });
    expect(raw.status()).toBe(303);
    expect(raw.headers()["location"]).toContain("/signin/confirm");
    expect(raw.headers()["set-cookie"] ?? "").not.toContain("session-token");
    expect(await queryCount(`SELECT count(*) FROM "VerificationToken" WHERE identifier = $1`, [email])).toBe(1);
    await page.goto(link);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    expect((await page.context().cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Hello, Scanner Target" })).toBeVisible();
  });

  test("a used link is refused the second time", async ({ page, mailbox, browser }) => {
    const email = uniqueEmail("reuse");
    await createUser(email);
    const link = await requestSignInLink(page, mailbox, email);
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account/);
    const other = await browser.newPage();
    await other.goto(link);
    await expect(other.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await other.close();
  });

  test("an expired link is refused, even when its form is posted directly", async ({ page, mailbox }) => {
    const email = uniqueEmail("expired");
    const link = await requestSignInLink(page, mailbox, email);
    await page.goto(link);
    await expect(page.getByRole("button", { name: /create account/i })).toBeVisible();
    // Eleven minutes pass.
    await (await import("./fixtures")).getTestDb().query(`UPDATE "VerificationToken" SET expires = now() - interval '1 minute' WHERE identifier = $1`, [email]);
    await page.getByLabel("Month").selectOption("3");
    await page.getByLabel("Year").selectOption("1985");
    await page.getByRole("button", { name: /create account/i }).click();
    await expect(page.getByRole("heading", { name: "We could not sign you in" })).toBeVisible();
    await expect(page.getByText(/expired or has already been used/)).toBeVisible();
    await page.goto(link);
    await expect(page.getByText(/has expired/)).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE email = $1`, [email])).toBe(0);
  });

  test("a new address answers the age question and gets an account", async ({ page, signIn }) => {
    const email = uniqueEmail("adult");
    await signIn(page, email, { birthYear: 1988, birthMonth: 4 });
    const user = await queryOne<{ id: string; ageConfirmedAt: Date | null; policyVersionId: string | null }>(
      `SELECT id, "ageConfirmedAt", "policyVersionId" FROM "User" WHERE email = $1`,
      [email],
    );
    expect(user?.ageConfirmedAt).toBeTruthy();
    expect(user?.policyVersionId).toBeTruthy();
  });

  test("under 13: no account is created and nothing typed is kept", async ({ page, mailbox }) => {
    const email = uniqueEmail("child");
    const link = await requestSignInLink(page, mailbox, email);
    await page.goto(link);
    await page.getByLabel("Month").selectOption("5");
    await page.getByLabel("Year").selectOption(String(new Date().getUTCFullYear() - 10));
    await page.getByRole("button", { name: /create account/i }).click();
    await expect(page.getByRole("heading", { name: /can't create an account/i })).toBeVisible();
    await expect(page.getByText("We have not kept anything you typed")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE email = $1`, [email])).toBe(0);
    expect(await queryCount(`SELECT count(*) FROM "VerificationToken" WHERE identifier = $1`, [email])).toBe(0);
    expect(await queryCount(`SELECT count(*) FROM "AuditLog" WHERE metadata::text ILIKE $1`, [`%${email}%`])).toBe(0);
    // The link cannot be used afterwards either.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  });

  test("bad input gets a clear message, not an error page", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: /email me a sign-in link/i }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("too many links for one address are refused with a clear message", async ({ page }) => {
    const email = uniqueEmail("flood");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: /email me a sign-in link/i }).click();
      if (attempt <= 5) await expect(page).toHaveURL(/check-email/);
    }
    await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in links were requested for this address" })).toBeVisible();
  });

  test("too many attempts from one IP are refused", async ({ page }) => {
    // The test server allows 12 attempts per IP per window; this test has its own IP.
    for (let attempt = 1; attempt <= 13; attempt++) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(uniqueEmail(`ip${attempt}`));
      await page.getByRole("button", { name: /email me a sign-in link/i }).click();
      if (attempt <= 12) await expect(page).toHaveURL(/check-email/);
    }
    await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in attempts from your network" })).toBeVisible();
  });

  test("public pages have no serious accessibility violations", async ({ page }) => {
    for (const path of ["/", "/signin", "/policies/privacy"]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
      const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
      expect(serious.map((violation) => `${path}: ${violation.id}`)).toEqual([]);
    }
  });
});

test.describe("admin area", () => {
  test("a non-admin gets 404 on admin pages", async ({ page, signIn }) => {
    const email = uniqueEmail("nonadmin");
    await createUser(email);
    await signIn(page, email);
    for (const path of ["/admin", "/admin/sharing"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
    }
    // One audit row per refused page.
    expect(await queryCount(`SELECT count(*) FROM "AuditLog" a JOIN "PersonKey" k ON k.ref = a."actorId" JOIN "User" u ON u.id = k."userId" WHERE u.email = $1 AND a.action = 'authz.denied'`, [email])).toBe(2);
  });

  test("an admin action replayed by a non-admin is refused and changes nothing", async ({ page, signIn, browser }) => {
    await signIn(page, "admin@example.com");
    await page.goto("/admin/sharing");
    const adminName = `Admin Entry ${Date.now()}`;
    await page.getByLabel("Name").fill(adminName);
    await page.getByLabel("Postal address").fill("1 Example Street, Dover, DE");
    await page.getByLabel("Data categories (comma-separated)").fill("contact details");
    await page.getByLabel("Purpose").fill("Testing the register");
    await page.getByLabel("Sharing since").fill("2026-01-01");
    const [actionRequest] = await Promise.all([
      page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
      page.getByRole("button", { name: "Add to register" }).click(),
    ]);
    await expect(page.getByText(`${adminName} was added to the register.`)).toBeVisible();

    // Bob replays the exact request, with the name swapped, using his own session.
    const bobContext = await browser.newContext();
    const bobPage = await bobContext.newPage();
    const bobMailbox = new Mailbox(bobContext.request);
    const bobEmail = uniqueEmail("replayer");
    await createUser(bobEmail);
    const link = await requestSignInLink(bobPage, bobMailbox, bobEmail);
    await bobPage.goto(link);
    await bobPage.getByRole("button", { name: "Sign in" }).click();
    await expect(bobPage).toHaveURL(/\/account/);
    const bobName = adminName.replace("Admin", "Bobby");
    const body = actionRequest.postDataBuffer()!.toString("utf8").replaceAll(adminName, bobName);
    const headers = actionRequest.headers();
    const response = await bobContext.request.post(actionRequest.url(), {
      headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: headers["accept"] ?? "text/x-component" },
      data: Buffer.from(body, "utf8"),
    });
    expect(response.status()).toBe(404);
    expect(await queryCount(`SELECT count(*) FROM "SharingRegisterEntry" WHERE name = $1`, [bobName])).toBe(0);
    expect(await queryCount(`SELECT count(*) FROM "SharingRegisterEntry" WHERE name = $1`, [adminName])).toBe(1);
    await bobContext.close();
  });
});
