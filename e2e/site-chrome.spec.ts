// What surrounds every page (issues 20 and 21): the header's account part while the
// visitor's state loads and after deleting the account, the cookie banner on a phone,
// and the page for an address that leads nowhere.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, uniqueEmail } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Holds every /api/visitor request until release() is called. */
async function holdVisitorState(page: Page) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  await page.route("**/api/visitor", async (route) => {
    requests++;
    await released;
    await route.continue().catch(() => {}); // the page may have moved on meanwhile
  });
  return { release, requests: () => requests };
}

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(
    results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) => `${what}: ${violation.id} ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
      ),
  ).toEqual([]);
}

test.describe("the header's account part", () => {
  test("a signed-in person sees a placeholder, never 'Sign in', until their name arrives", async ({ page, signIn }) => {
    const email = uniqueEmail("flash");
    await signIn(page, email);
    const visitor = await holdVisitorState(page);
    await page.goto("/policies/privacy");
    const header = page.getByRole("banner");
    await expect(header.getByTestId("header-account-pending")).toBeVisible();
    await expect.poll(visitor.requests).toBeGreaterThan(0);
    // Hydrated and asking: still the placeholder, no "Sign in".
    await expect(header.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    visitor.release();
    await expect(header.getByTestId("header-name")).toHaveText(new RegExp(`Signed in as\\s*${email}`), {
      timeout: 30_000,
    });
    await expect(header.getByTestId("header-account-pending")).toHaveCount(0);
    await expect(header.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  });

  test("for a visitor the placeholder has the size of 'Sign in', so nothing moves", async ({ page }) => {
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      const visitor = await holdVisitorState(page);
      await page.goto("/");
      const placeholder = page.getByRole("banner").getByTestId("header-account-pending");
      await expect(placeholder).toBeVisible();
      await expect.poll(visitor.requests).toBeGreaterThan(0);
      const before = (await placeholder.boundingBox())!;
      visitor.release();
      const signInLink = page.getByRole("banner").getByRole("link", { name: "Sign in" });
      await expect(signInLink).toBeVisible({ timeout: 30_000 }); // a cold server's first answer is slow under load
      const after = (await signInLink.boundingBox())!;
      expect(after).toEqual(before);
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });

  test("after deleting the account the header shows the signed-out state", async ({ page, signIn }) => {
    const email = uniqueEmail("gone");
    await signIn(page, email, { viaEmail: true });
    await page.goto("/account/delete");
    await expect(page.getByRole("banner").getByTestId("header-name")).toContainText(email);
    await page.getByLabel(/to confirm/).fill(email);
    await page.getByRole("button", { name: "Delete my account and all my data" }).click();
    await expect(page).toHaveURL(/\/account-deleted\?receipt=/);
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(header.getByTestId("header-name")).toHaveCount(0);
    await expect(header.getByRole("link", { name: "Your account" })).toHaveCount(0);
    await expect(header.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });
});

test.describe("the cookie banner", () => {
  test("sits at the bottom of a phone's screen, under 30% of it, and never hides the focused control", async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/policies/privacy");
    const banner = page.getByRole("region", { name: "Cookies on this site" });
    await expect(banner).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible(); // hydrated
    const box = (await banner.boundingBox())!;
    expect(box.height).toBeLessThan(PHONE.height * 0.3);
    expect(Math.abs(box.y + box.height - PHONE.height)).toBeLessThanOrEqual(1);
    expect(box.width).toBe(PHONE.width);

    // The keyboard reaches it first (after the skip link), then the page.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(banner.getByRole("link", { name: "Cookie policy" })).toBeFocused();

    // Tabbing through the whole page: every focused control outside the banner is in view above it.
    const hidden: string[] = [];
    let focusedFooterLink = false;
    for (let step = 0; step < 80; step++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        const banner = document.querySelector('[data-testid="cookie-banner"]')!;
        if (!element || element === document.body || banner.contains(element)) return null;
        const rect = element.getBoundingClientRect();
        return {
          name: `${element.tagName} ${element.textContent?.trim().slice(0, 40)}`,
          isInFooter: Boolean(element.closest("footer")),
          top: rect.top,
          bottom: rect.bottom,
          bannerTop: banner.getBoundingClientRect().top,
        };
      });
      if (!state) continue;
      if (state.isInFooter) focusedFooterLink = true;
      if (state.bottom > state.bannerTop + 0.5 || state.top < 0) hidden.push(`${state.name} ${JSON.stringify(state)}`);
    }
    expect(focusedFooterLink).toBe(true);
    expect(hidden).toEqual([]);

    // The end of the page scrolls clear of the banner.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const footer = (await page.locator("footer").boundingBox())!;
    expect(footer.y + footer.height).toBeLessThanOrEqual((await banner.boundingBox())!.y + 0.5);
  });

  test("at the bottom on a wide screen too; choosing closes it", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto("/");
    const banner = page.getByRole("region", { name: "Cookies on this site" });
    await expect(banner).toBeVisible();
    const box = (await banner.boundingBox())!;
    expect(Math.abs(box.y + box.height - DESKTOP.height)).toBeLessThanOrEqual(1);
    expect(box.height).toBeLessThan(DESKTOP.height * 0.2);
    await banner.getByRole("button", { name: "Necessary only" }).press("Enter");
    await expect(banner).toBeHidden();
  });
});

test.describe("an address that leads nowhere", () => {
  test("answers 404 with the site's header, plain words and ways back", async ({ page }) => {
    const response = await page.goto("/no-such-page-here");
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("banner").getByRole("link", { name: "Privacy Center" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
    await expect(page).toHaveTitle(/Page not found/);
  });
});

test.describe("accessibility of the changed pages", () => {
  for (const viewport of [DESKTOP, PHONE]) {
    test(`no serious violations at ${viewport.width} px (banner open, header settled)`, async ({ page }) => {
      test.setTimeout(180_000); // five pages, each checked by axe
      await page.setViewportSize(viewport);
      for (const path of ["/", "/signin", "/policies/privacy", "/parents", "/no-such-page-here"]) {
        await page.goto(path);
        await expect(page.getByRole("region", { name: "Cookies on this site" })).toBeVisible();
        await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
        await expectNoSeriousViolations(page, `${path} at ${viewport.width}`);
      }
    });
  }
});
