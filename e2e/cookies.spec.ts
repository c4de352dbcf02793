import type { Page } from "@playwright/test";
import { expect, queryCount, queryOne, test, uniqueEmail } from "./fixtures";

function watchScripts(page: Page) {
  const loaded: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (/^\/analytics.*\.js$/.test(path)) loaded.push(path);
  });
  return loaded;
}

test.describe("cookie banner", () => {
  test("no analytics script loads before consent; the choice is remembered and can be changed", async ({
    page,
    context,
  }) => {
    const loaded = watchScripts(page);
    const response = await page.goto("/");
    expect(await response!.text()).not.toContain("analytics.js");
    const banner = page.getByRole("region", { name: "Cookies on this site" });
    await expect(banner).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(loaded).toEqual([]);
    await expect(page.locator("html")).not.toHaveAttribute("data-analytics", "loaded");

    await banner.getByRole("button", { name: "Accept all" }).click();
    await expect(banner).toBeHidden();
    await expect(page.locator("html")).toHaveAttribute("data-analytics", "loaded");
    await expect(page.locator("html")).toHaveAttribute("data-advertising", "loaded");
    expect(loaded.sort()).toEqual(["/analytics-ads.js", "/analytics.js"]);
    expect((await context.cookies()).find((cookie) => cookie.name === "cookie_consent")?.value).toBe("v1.a1.d1");

    // Remembered on the next visit: no banner, scripts load.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-analytics", "loaded");
    await expect(banner).toBeHidden();

    // Reopened from the footer and withdrawn.
    await page.getByRole("button", { name: "Cookie settings" }).click();
    await expect(banner).toBeVisible();
    await expect(banner.getByRole("heading", { name: "Cookies on this site" })).toBeFocused();
    await banner.getByRole("button", { name: "Necessary only" }).click();
    await expect(banner).toBeHidden();
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === "cookie_consent")?.value).toBe("v1.a0.d0");
    expect(cookies.some((cookie) => cookie.name === "_pa_id" || cookie.name === "_pa_ads")).toBe(false);
    loaded.length = 0;
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(loaded).toEqual([]);
    await expect(page.locator("html")).not.toHaveAttribute("data-analytics", "loaded");
  });

  test("analytics without advertising loads only the analytics script", async ({ page }) => {
    const loaded = watchScripts(page);
    await page.goto("/policies/privacy");
    const banner = page.getByRole("region", { name: "Cookies on this site" });
    await banner.getByLabel("Analytics").check();
    await banner.getByRole("button", { name: "Save my choices" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-analytics", "loaded");
    await page.waitForLoadState("networkidle");
    expect(loaded).toEqual(["/analytics.js"]);
  });

  test("a visitor sending DNT gets no analytics, even when clicking", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { DNT: "1" } });
    const page = await context.newPage();
    const loaded = watchScripts(page);
    await page.goto("/");
    await expect(page.getByTestId("signal-notice")).toContainText("Do Not Track");
    // No banner pops up on its own; reopening shows why the options are off.
    await expect(page.getByRole("region", { name: "Cookies on this site" })).toHaveCount(0);
    await page.getByRole("button", { name: "Cookie settings" }).click();
    const banner = page.getByRole("region", { name: "Cookies on this site" });
    await expect(banner.getByText(/Your browser sends an opt-out signal/)).toBeVisible();
    await expect(banner.getByLabel("Analytics")).toBeDisabled();
    await expect(banner.getByRole("button", { name: "Accept all" })).toHaveCount(0);
    await page.waitForLoadState("networkidle");
    expect(loaded).toEqual([]);
    await context.close();
  });
});

test.describe("browser opt-out signals", () => {
  test("Sec-GPC: 1 opts the signed-in account out and says when", async ({ page, signIn }) => {
    const email = uniqueEmail("gpc");
    await signIn(page, email);
    // Before the signal: the user accepts analytics and advertising in the banner.
    await page.goto("/account");
    await page
      .getByRole("region", { name: "Cookies on this site" })
      .getByRole("button", { name: "Accept all" })
      .click();
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    await expect
      .poll(() =>
        queryCount(
          `SELECT count(*) FROM "UserPreferences" WHERE "userId" = $1 AND "analyticsCookies" AND "advertisingCookies"`,
          [user!.id],
        ),
      )
      .toBe(1);
    expect(
      await queryCount(`SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND source = 'COOKIE_BANNER'`, [
        user!.id,
      ]),
    ).toBe(2);
    // The scripts accepted on this page have loaded before we start watching the next one.
    await expect(page.locator("html")).toHaveAttribute("data-advertising", "loaded");
    await expect(page.locator("html")).toHaveAttribute("data-analytics", "loaded");

    const loaded = watchScripts(page);
    await page.setExtraHTTPHeaders({ "Sec-GPC": "1" });
    await page.goto("/account");
    await expect(page.getByTestId("signal-notice")).toContainText(
      /Your browser's opt-out signal \(Global Privacy Control\) was honoured on \d{1,2} \w+ \d{4}/,
    );
    const preferences = await queryOne<{
      analyticsCookies: boolean;
      advertisingCookies: boolean;
      optOutSignalAt: Date | null;
    }>(`SELECT "analyticsCookies", "advertisingCookies", "optOutSignalAt" FROM "UserPreferences" WHERE "userId" = $1`, [
      user!.id,
    ]);
    expect(preferences).toMatchObject({ analyticsCookies: false, advertisingCookies: false });
    expect(preferences!.optOutSignalAt).toBeTruthy();
    const events = await (
      await import("./fixtures")
    )
      .getTestDb()
      .query<{ subject: string }>(
        `SELECT subject FROM "ConsentEvent" WHERE "userId" = $1 AND source = 'BROWSER_SIGNAL' ORDER BY subject`,
        [user!.id],
      );
    expect(events.rows.map((row) => row.subject)).toEqual([
      "cookies:advertising",
      "cookies:analytics",
      "signal:Sec-GPC",
    ]);
    // The consent cookie still says yes, but the signal wins: nothing loads.
    // (Opening the settings proves the banner has hydrated and run its effects.)
    await page.getByRole("button", { name: "Cookie settings" }).click();
    await expect(
      page
        .getByRole("region", { name: "Cookies on this site" })
        .getByText(/Your browser sends an opt-out signal \(Global Privacy Control\)/),
    ).toBeVisible();
    expect(loaded).toEqual([]);
    await expect(page.locator("html")).not.toHaveAttribute("data-analytics", "loaded");

    // Applied once: more requests with the signal add no history.
    await page.goto("/account/preferences/email");
    await expect(page.getByText(/Your browser's opt-out signal was honoured on/)).toBeVisible();
    expect(
      await queryCount(`SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND source = 'BROWSER_SIGNAL'`, [
        user!.id,
      ]),
    ).toBe(3);
    await page.goto("/account/preferences/history");
    await expect(page.getByRole("cell", { name: "Browser signal (DNT / GPC)" }).first()).toBeVisible();
  });
});
