import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Mailbox, createUser, expect, queryCount, queryOne, requestSignInLink, test, uniqueEmail } from "./fixtures";

test.describe("magic-link sign-in", () => {
  test("alice signs in through the emailed link, sees her account and signs out", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com", { viaEmail: true });
    await expect(page.getByRole("heading", { name: "Hello, Alice Example" })).toBeVisible();
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, ["alice@example.com"]);
    const cookie = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
    expect(cookie).toBeTruthy();
    // The browser's cookie names exactly one database session, and it is alice's.
    expect(
      await queryCount(`SELECT count(*) FROM "Session" WHERE "sessionToken" = $1 AND "userId" = $2`, [
        cookie!.value,
        user!.id,
      ]),
    ).toBe(1);
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
    const row = await queryOne<{ token: string; expires: Date }>(
      `SELECT token, expires FROM "VerificationToken" WHERE identifier = $1`,
      [email],
    );
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
    await (
      await import("./fixtures")
    )
      .getTestDb()
      .query(`UPDATE "VerificationToken" SET expires = now() - interval '1 minute' WHERE identifier = $1`, [email]);
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
    await expect(
      page.getByRole("alert").filter({ hasText: "Too many sign-in links were requested for this address" }),
    ).toBeVisible();
  });

  test("too many attempts from one IP are refused", async ({ page }) => {
    // The test server allows 12 attempts per IP per window; this test has its own IP.
    for (let attempt = 1; attempt <= 13; attempt++) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(uniqueEmail(`ip${attempt}`));
      await page.getByRole("button", { name: /email me a sign-in link/i }).click();
      if (attempt <= 12) await expect(page).toHaveURL(/check-email/);
    }
    await expect(
      page.getByRole("alert").filter({ hasText: "Too many sign-in attempts from your network" }),
    ).toBeVisible();
  });

  test("public pages have no serious accessibility violations", async ({ page }) => {
    for (const path of ["/", "/signin", "/policies/privacy"]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
      const serious = results.violations.filter(
        (violation) => violation.impact === "serious" || violation.impact === "critical",
      );
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
    expect(
      await queryCount(
        `SELECT count(*) FROM "AuditLog" a JOIN "PersonKey" k ON k.ref = a."actorId" JOIN "User" u ON u.id = k."userId" WHERE u.email = $1 AND a.action = 'authz.denied'`,
        [email],
      ),
    ).toBe(2);
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
      headers: {
        "next-action": headers["next-action"],
        "content-type": headers["content-type"],
        accept: headers["accept"] ?? "text/x-component",
      },
      data: Buffer.from(body, "utf8"),
    });
    expect(response.status()).toBe(404);
    expect(await queryCount(`SELECT count(*) FROM "SharingRegisterEntry" WHERE name = $1`, [bobName])).toBe(0);
    expect(await queryCount(`SELECT count(*) FROM "SharingRegisterEntry" WHERE name = $1`, [adminName])).toBe(1);
    await bobContext.close();
  });
});

/** Every URL path Auth.js can route (its actions, alone and with each provider id) under /api/auth. */
function authJsPaths(): string[] {
  // Read from the installed @auth/core, so an action a new version adds is covered too.
  const source = fs.readFileSync(path.resolve("node_modules/@auth/core/lib/utils/actions.js"), "utf8");
  const actions = [.../const actions = \[([^\]]*)\]/.exec(source)![1].matchAll(/"([^"]+)"/g)].map((match) => match[1]);
  expect(actions).toEqual(expect.arrayContaining(["signin", "callback", "session", "csrf", "signout"]));
  // The portal's providers (GitHub whether or not it is configured) and Auth.js's other built-in ids.
  const providers = ["nodemailer", "github", "email", "credentials", "webauthn", "passkey"];
  return actions.flatMap((action) => [
    `/api/auth/${action}`,
    ...providers.map((provider) => `/api/auth/${action}/${provider}`),
  ]);
}

/** The route files Next.js serves under /api/auth/, as paths relative to app/api/auth. */
function authRouteFiles(): string[] {
  const root = path.resolve("app/api/auth");
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => /(^|\/)route\.(ts|tsx|js)$/.test(file))
    .map((file) => path.dirname(file))
    .sort();
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;
const isRefused = (status: number) => status === 404 || status === 405;

test.describe("one sign-in path: Auth.js's own routes sign nobody in and send no link", () => {
  test("every method and path under /api/auth/ refuses, except the link's redirect to the confirm page and the confirm POST", async ({
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    // A new route file under app/api/auth must be added here, with the test that proves its rules.
    expect(authRouteFiles()).toEqual(["[...nextauth]", "confirm"]);

    const email = uniqueEmail("routes");
    // Whatever Auth.js would need to act: a CSRF token with its cookie (if it is served at all), a token, an address.
    const csrf = await request.get("/api/auth/csrf");
    const csrfToken = csrf.ok() ? (((await csrf.json()) as { csrfToken?: string }).csrfToken ?? "") : "";
    const form = { email, token: "0".repeat(64), csrfToken, callbackUrl: "/account" };
    const answers: string[] = [];
    for (const route of authJsPaths()) {
      for (const method of METHODS) {
        const url = `${route}?${new URLSearchParams({ email, token: "0".repeat(64) })}`;
        const response = await request.fetch(url, {
          method,
          form: method === "GET" ? undefined : form,
          maxRedirects: 0,
        });
        expect(response.headers()["set-cookie"] ?? "", `${method} ${route}`).not.toContain("session-token");
        const answer = `${method} ${route} -> ${response.status()} ${response.headers()["location"] ?? ""}`.trim();
        if (method === "GET" && route === "/api/auth/callback/nodemailer") {
          // The emailed link's old shape: only ever a redirect to the confirm page, on APP_URL.
          const confirmPage = `${baseURL}/signin/confirm?${new URLSearchParams({ token: "0".repeat(64), email })}`;
          if (answer !== `${method} ${route} -> 303 ${confirmPage}`) answers.push(answer);
        } else if (!isRefused(response.status())) answers.push(answer);
      }
    }
    expect(answers, "Auth.js routes that were not refused").toEqual([]);

    // The confirm route: only POST, and it refuses another site's form before anything else.
    for (const method of METHODS.filter((method) => method !== "POST")) {
      expect((await request.fetch("/api/auth/confirm", { method, maxRedirects: 0 })).status(), method).toBe(405);
    }
    const crossSite = await request.post("/api/auth/confirm", {
      form,
      headers: { origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    const badToken = await request.post("/api/auth/confirm", { form, maxRedirects: 0 });
    expect(badToken.status()).toBe(303);
    expect(badToken.headers()["location"]).toBe(`${baseURL}/signin/error?error=Verification`);

    // Nothing was sent and nobody was created for the address.
    expect(await queryCount(`SELECT count(*) FROM "VerificationToken" WHERE identifier = $1`, [email])).toBe(0);
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE email = $1`, [email])).toBe(0);
  });

  test("a valid link token POSTed to Auth.js's callback creates no account and no session, from this site or another", async ({
    page,
    mailbox,
  }) => {
    const email = uniqueEmail("rawpost");
    const token = new URL(await requestSignInLink(page, mailbox, email)).searchParams.get("token")!;
    const callback = `/api/auth/callback/nodemailer?${new URLSearchParams({ token, email })}`;
    for (const headers of [{ origin: "https://evil.example" }, {}] as Record<string, string>[]) {
      const response = await page.request.post(callback, { headers, maxRedirects: 0 });
      expect(isRefused(response.status()), `status ${response.status()}`).toBe(true);
      expect(response.headers()["set-cookie"] ?? "").not.toContain("session-token");
    }
    // The address has no account and the link is not used up: the confirm page still asks the age question.
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE email = $1`, [email])).toBe(0);
    expect(await queryCount(`SELECT count(*) FROM "VerificationToken" WHERE identifier = $1`, [email])).toBe(1);
    expect((await page.context().cookies()).some((cookie) => cookie.name.includes("session-token"))).toBe(false);
  });

  test("an address just sent to the too-young page cannot get an account through Auth.js's callback", async ({
    page,
    mailbox,
  }) => {
    const email = uniqueEmail("young");
    await page.goto(await requestSignInLink(page, mailbox, email));
    await page.getByLabel("Month").selectOption("5");
    await page.getByLabel("Year").selectOption(String(new Date().getUTCFullYear() - 10));
    await page.getByRole("button", { name: /create account/i }).click();
    await expect(page.getByRole("heading", { name: /can't create an account/i })).toBeVisible();
    // A new link, then Auth.js's callback instead of the confirm page.
    const token = new URL(await requestSignInLink(page, mailbox, email)).searchParams.get("token")!;
    const response = await page.request.post(`/api/auth/callback/nodemailer?${new URLSearchParams({ token, email })}`, {
      maxRedirects: 0,
    });
    expect(isRefused(response.status()), `status ${response.status()}`).toBe(true);
    expect(await queryCount(`SELECT count(*) FROM "User" WHERE email = $1`, [email])).toBe(0);
  });

  test("Auth.js's sign-in POST sends no link past the per-address limit", async ({ page, mailbox }) => {
    const email = uniqueEmail("flood-raw");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: /email me a sign-in link/i }).click();
      if (attempt <= 5) await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await expect(
      page.getByRole("alert").filter({ hasText: "Too many sign-in links were requested for this address" }),
    ).toBeVisible();
    await expect.poll(async () => (await mailbox.list(email)).length).toBe(5);

    // The form said "limit reached"; Auth.js's own endpoint, with a CSRF token if it hands one out.
    const csrf = await page.request.get("/api/auth/csrf");
    const csrfToken = csrf.ok() ? (((await csrf.json()) as { csrfToken?: string }).csrfToken ?? "") : "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await page.request.post("/api/auth/signin/nodemailer", {
        form: { email, csrfToken, callbackUrl: "/account" },
        maxRedirects: 0,
      });
      expect(isRefused(response.status()), `status ${response.status()}`).toBe(true);
    }
    // A link is a token row written before its email is sent: still the form's five.
    expect(await queryCount(`SELECT count(*) FROM "VerificationToken" WHERE identifier = $1`, [email])).toBe(5);
    expect((await mailbox.list(email)).length).toBe(5);
  });

  test("a stale session cookie in the browser does not block signing in", async ({ page, mailbox, baseURL }) => {
    const email = uniqueEmail("stale");
    await createUser(email, { name: "Stale Cookie" });
    // A session the database no longer has (signed out elsewhere, expired and swept, another database).
    await page.context().addCookies([
      {
        name: "authjs.session-token",
        value: randomBytes(32).toString("hex"),
        url: baseURL!,
        httpOnly: true,
        sameSite: "Lax",
      },
    ]);
    await page.goto(await requestSignInLink(page, mailbox, email));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Hello, Stale Cookie" })).toBeVisible();
  });
});
