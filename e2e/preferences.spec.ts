import { expect, queryCount, queryOne, test, uniqueEmail, type Mailbox } from "./fixtures";
import type { Page } from "@playwright/test";

async function userId(email: string): Promise<string> {
  const row = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return row!.id;
}

async function savePreferences(
  page: Page,
  choices: { productNews?: boolean; promotions?: boolean; tracking?: boolean },
) {
  await page.goto("/account/preferences/email");
  if (choices.productNews !== undefined) await page.getByLabel("Product news").setChecked(choices.productNews);
  if (choices.promotions !== undefined) await page.getByLabel("Promotional offers").setChecked(choices.promotions);
  if (choices.tracking !== undefined)
    await page.getByLabel("Tell us when I open an email").setChecked(choices.tracking);
  await page.getByRole("button", { name: "Save email preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Saved|Nothing changed/ })).toBeVisible();
}

async function sendSample(page: Page, mailbox: Mailbox, email: string) {
  const since = new Date();
  await page.goto("/account/preferences/email");
  await page.getByLabel("Topic").selectOption("PRODUCT_NEWS");
  await page.getByRole("button", { name: "Send me a sample email" }).click();
  await expect(page.getByText(`Sent to ${email}`)).toBeVisible();
  return mailbox.waitFor(email, { subject: /^Sample: Flynn monthly/, since });
}

test.describe("email preferences", () => {
  test("toggles persist and show in the preference history", async ({ page, signIn }) => {
    const email = uniqueEmail("prefs");
    await signIn(page, email);
    await savePreferences(page, { productNews: true, promotions: false, tracking: true });
    await page.reload();
    await expect(page.getByLabel("Product news")).toBeChecked();
    await expect(page.getByLabel("Promotional offers")).not.toBeChecked();
    await expect(page.getByLabel("Tell us when I open an email")).toBeChecked();
    await expect(page.getByLabel(/Legal notices/)).toBeDisabled();
    await expect(page.getByLabel(/Legal notices/)).toBeChecked();
    await savePreferences(page, { productNews: false });

    const id = await userId(email);
    expect(
      await queryCount(
        `SELECT count(*) FROM "EmailSubscription" WHERE "userId" = $1 AND category = 'PRODUCT_NEWS' AND NOT subscribed`,
        [id],
      ),
    ).toBe(1);
    expect(
      await queryCount(`SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND source = 'PORTAL'`, [id]),
    ).toBe(3);

    await page.goto("/account/preferences/history");
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(3);
    // Newest first: product news on → off.
    await expect(rows.nth(0)).toContainText("Product news");
    await expect(rows.nth(0).locator("td").nth(2)).toHaveText("on");
    await expect(rows.nth(0).locator("td").nth(3)).toHaveText("off");
    await expect(rows.nth(0)).toContainText("Privacy center");
    await expect(page.locator('tr[data-subject="email:tracking"]')).toContainText("on");
  });

  test("the List-Unsubscribe header of a real email unsubscribes with one POST, without sign-in", async ({
    page,
    signIn,
    mailbox,
    playwright,
    baseURL,
  }) => {
    const email = uniqueEmail("oneclick");
    await signIn(page, email);
    await savePreferences(page, { productNews: true });
    const message = await sendSample(page, mailbox, email);

    expect(message.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const header = message.headers["list-unsubscribe"];
    const urls = [...header.matchAll(/<([^>]+)>/g)].map((match) => match[1]);
    expect(urls.some((url) => url.startsWith("mailto:"))).toBe(true);
    const oneClick = urls.find((url) => /^https?:\/\//.test(url))!;
    expect(new URL(oneClick).pathname).toBe("/api/unsubscribe");
    // The visible link is in the body too.
    expect(message.text).toMatch(/\/unsubscribe\?token=/);

    // A mail provider posts from its own servers: no cookies, no session.
    const provider = await playwright.request.newContext({ baseURL });
    // Opening the header's URL (GET) changes nothing and goes to the confirm page on APP_URL.
    const opened = await provider.get(oneClick, { maxRedirects: 0 });
    expect(opened.status()).toBe(303);
    expect(opened.headers()["location"]).toBe(
      `${baseURL}/unsubscribe?token=${new URL(oneClick).searchParams.get("token")}`,
    );
    const response = await provider.post(oneClick, { form: { "List-Unsubscribe": "One-Click" } });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "unsubscribed", category: "PRODUCT_NEWS" });
    await provider.dispose();

    const id = await userId(email);
    expect(
      await queryCount(
        `SELECT count(*) FROM "EmailSubscription" WHERE "userId" = $1 AND category = 'PRODUCT_NEWS' AND NOT subscribed`,
        [id],
      ),
    ).toBe(1);
    expect(
      await queryCount(
        `SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND subject = 'email:PRODUCT_NEWS' AND source = 'ONE_CLICK' AND "oldValue" = 'on' AND "newValue" = 'off'`,
        [id],
      ),
    ).toBe(1);
    await page.goto("/account/preferences/history");
    await expect(page.locator("tbody tr").first()).toContainText("One-click unsubscribe");
  });

  test("a tampered token is refused with a clear error and changes nothing", async ({
    page,
    signIn,
    mailbox,
    request,
  }) => {
    const email = uniqueEmail("tamper");
    await signIn(page, email);
    await savePreferences(page, { productNews: true });
    const message = await sendSample(page, mailbox, email);
    const link = new URL(message.text.match(/https?:\/\/\S+\/unsubscribe\?token=[^\s)\]>"]+/)![0]);
    const token = link.searchParams.get("token")!;
    // Flip one character of the payload: another user or category would need the secret.
    const tampered = token.slice(0, 5) + (token[5] === "A" ? "B" : "A") + token.slice(6);
    expect(tampered).not.toBe(token);

    const pageResponse = await page.goto(`/unsubscribe?token=${encodeURIComponent(tampered)}`);
    expect(pageResponse!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This unsubscribe link is not valid" })).toBeVisible();
    const postResponse = await request.post(`/api/unsubscribe?token=${encodeURIComponent(tampered)}`, {
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(postResponse.status()).toBe(400);
    expect(await postResponse.json()).toMatchObject({
      error: "validation",
      reason: "unsubscribe_token",
      message: expect.stringContaining("not valid"),
    });
    expect((await request.post(`/api/unsubscribe`, { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(400);

    const id = await userId(email);
    expect(
      await queryCount(
        `SELECT count(*) FROM "EmailSubscription" WHERE "userId" = $1 AND category = 'PRODUCT_NEWS' AND subscribed`,
        [id],
      ),
    ).toBe(1);
  });

  test("the visible link opens a page to confirm and adjust other topics, without sign-in", async ({
    page,
    signIn,
    mailbox,
    browser,
  }) => {
    const email = uniqueEmail("visible");
    await signIn(page, email);
    await savePreferences(page, { productNews: true, promotions: true });
    const message = await sendSample(page, mailbox, email);
    const link = message.text.match(/https?:\/\/\S+\/unsubscribe\?token=[^\s)\]>"]+/)![0];

    const stranger = await browser.newContext();
    const linkPage = await stranger.newPage();
    await linkPage.goto(link);
    await expect(linkPage.getByRole("heading", { name: "Unsubscribe from product news?" })).toBeVisible();
    const id = await userId(email);
    // Opening the page alone changes nothing.
    expect(await queryCount(`SELECT count(*) FROM "EmailSubscription" WHERE "userId" = $1 AND subscribed`, [id])).toBe(
      2,
    );
    await linkPage.getByLabel("Promotional offers").uncheck();
    await linkPage.getByLabel("Blog and comment notifications").check();
    await linkPage.getByRole("button", { name: "Save my email choices" }).click();
    await expect(linkPage.getByText("Your email choices are saved.")).toBeVisible();
    await linkPage.getByRole("button", { name: "Unsubscribe from product news" }).click();
    await expect(linkPage.getByText("You are unsubscribed from product news.")).toBeVisible();
    await stranger.close();

    const rows = await (
      await import("./fixtures")
    )
      .getTestDb()
      .query<{ category: string; subscribed: boolean }>(
        `SELECT category, subscribed FROM "EmailSubscription" WHERE "userId" = $1 ORDER BY category`,
        [id],
      );
    expect(Object.fromEntries(rows.rows.map((row) => [row.category, row.subscribed]))).toEqual({
      BLOG_COMMENTS: true,
      PRODUCT_NEWS: false,
      PROMOTIONS: false,
    });
    expect(
      await queryCount(`SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND source = 'EMAIL_LINK'`, [id]),
    ).toBe(3);
  });

  test("no tracking pixel and no recorded open unless the user allows open confirmations", async ({
    page,
    signIn,
    mailbox,
    request,
  }) => {
    const email = uniqueEmail("pixel");
    await signIn(page, email);
    await savePreferences(page, { productNews: true, tracking: false });
    const untracked = await sendSample(page, mailbox, email);
    expect(untracked.html).not.toContain("/api/email/open/");
    const id = await userId(email);
    expect(await queryCount(`SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1 AND kind = 'SENT'`, [id])).toBe(1);

    await savePreferences(page, { tracking: true });
    const tracked = await sendSample(page, mailbox, email);
    const pixel = tracked.html.match(/https?:\/\/[^"]+\/api\/email\/open\/[^"]+/)![0];
    const first = await request.get(pixel);
    expect(first.status()).toBe(200);
    expect(first.headers()["content-type"]).toBe("image/gif");
    expect(await queryCount(`SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1 AND kind = 'OPENED'`, [id])).toBe(1);

    // Withdrawn later: the same pixel no longer records anything.
    await savePreferences(page, { tracking: false });
    expect((await request.get(pixel)).status()).toBe(200);
    expect(await queryCount(`SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1 AND kind = 'OPENED'`, [id])).toBe(1);
    // A forged pixel records nothing either.
    expect((await request.get(pixel.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).status()).toBe(404);
  });

  test("a sample for a topic the user is not subscribed to is not sent", async ({ page, signIn }) => {
    const email = uniqueEmail("nosub");
    await signIn(page, email);
    await page.goto("/account/preferences/email");
    await page.getByLabel("Topic").selectOption("PROMOTIONS");
    await page.getByRole("button", { name: "Send me a sample email" }).click();
    await expect(page.getByText(/You are not subscribed to promotional offers/)).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1`, [await userId(email)])).toBe(0);
  });
});

test("preference pages and the banner have no serious accessibility violations", async ({ page, signIn }) => {
  const AxeBuilder = (await import("@axe-core/playwright")).default;
  await signIn(page, uniqueEmail("a11y"));
  for (const path of ["/account/preferences/email", "/account/preferences/telemetry", "/account/preferences/history"]) {
    await page.goto(path);
    await expect(page.getByRole("region", { name: "Cookies on this site" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    const serious = results.violations.filter(
      (violation) => violation.impact === "serious" || violation.impact === "critical",
    );
    expect(
      serious.map(
        (violation) => `${path}: ${violation.id} ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
      ),
    ).toEqual([]);
  }
});
