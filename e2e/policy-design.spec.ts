// The policy, readable (issue 21 item 7) and the admin policy editor (item 8, and item 1's
// editor part): contents and key points, no sideways scrolling on a phone, the diff as
// formatted text with an "only changes" view, the editor's split view, its saved values,
// the notice's recipients and preview, and a test send that arrives.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { createDocument, isoDay, startOfDay } from "./fixtures/policy-editor";
import { expect, getTestDb, queryCount, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${page.url()}: ${violation.id} ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Heights are the page's own: the cookie question (asked once) is answered first. */
async function answerCookieQuestion(page: Page) {
  const necessary = page.getByRole("button", { name: "Necessary only" });
  if (await necessary.isVisible()) {
    await necessary.click();
    await expect(necessary).toBeHidden();
  }
}

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("the public policy", () => {
  test("the seeded text has no placeholder and one contact address", async ({ page }) => {
    const { rows } = await getTestDb().query<{ version: number; markdown: string }>(
      `SELECT v.version, v.markdown FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId"
        WHERE d.slug = 'privacy' AND v.status = 'PUBLISHED' ORDER BY v.version`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const { version, markdown } of rows) {
      expect(markdown, `version ${version}`).not.toMatch(/\[insert[^\]]*\]/i);
      const emails = new Set(markdown.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []);
      expect([...emails].length, `version ${version}: ${[...emails].join(", ")}`).toBeLessThanOrEqual(1);
      // One postal address: the one under "Contact Prime Directive".
      expect(markdown.match(/\b\d{2,5} [A-Z][a-z]+ (St\.|Street|Place)/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
    await page.goto("/policies/privacy");
    await expect(page.locator("article")).not.toContainText("[insert");
  });

  test("key points first, contents linked to the headings, no sideways scrolling on a phone", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/policies/privacy");
    const keyPoints = page.getByRole("region", { name: "Key points" });
    await expect(keyPoints).toBeVisible();
    await expect(keyPoints).toContainText("Privacy Center");
    // Above the policy's first section heading.
    const keyBox = (await keyPoints.boundingBox())!;
    const firstHeading = (await page.locator("article [id^='user-content-']").first().boundingBox())!;
    expect(keyBox.y).toBeLessThan(firstHeading.y);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // On a phone the contents are folded away, and each entry lands on its heading.
    const contents = page.getByTestId("contents-phone");
    await expect(contents).toBeVisible();
    await expect(contents.getByRole("link").first()).toBeHidden();
    await contents.locator("summary").click();
    const links = contents.getByRole("link");
    expect(await links.count()).toBeGreaterThan(5);
    for (const link of await links.all()) {
      const href = (await link.getAttribute("href"))!;
      const target = page.locator(`[id="${href.slice(1)}"]`);
      await expect(target, href).toHaveCount(1);
      expect(await target.evaluate((el) => el.tagName), href).toBe("H2");
      await expect(target).toHaveText((await link.textContent())!.trim());
    }
    const last = links.last();
    const lastHref = (await last.getAttribute("href"))!;
    await last.click();
    await expect(page).toHaveURL(new RegExp(`${lastHref}$`));
    await expect(page.locator(`[id="${lastHref.slice(1)}"]`)).toBeInViewport();
    expect(await seriousViolations(page)).toEqual([]);

    // On a wide screen they stay beside the text while it scrolls.
    await page.setViewportSize(DESKTOP);
    await page.goto("/policies/privacy");
    const sidebar = page.getByTestId("contents-desktop");
    await expect(sidebar).toBeVisible();
    await expect(page.getByTestId("contents-phone")).toBeHidden();
    expect(await sidebar.evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
    await page.mouse.wheel(0, 3000);
    await expect(sidebar).toBeInViewport();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("on a phone the whole policy is shorter to scroll, with none of its text hidden", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/policies/privacy");
    await answerCookieQuestion(page);
    // Other tests' upcoming policies show a banner to every visitor: not this page's own height.
    await page
      .getByRole("region")
      .filter({ has: page.getByRole("button", { name: /^Dismiss/ }) })
      .evaluateAll((banners) => banners.forEach((banner) => banner.remove()));
    // 9,190 px with the design pass's spacing (24 px lines, 24 px list indents, a roomy key points box).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(9000);
    // Every section's text is on the page, not folded away: only the contents list is.
    const body = page.locator("article [id^='user-content-']").last();
    await expect(body).toBeVisible();
    const hidden = await page.evaluate(
      () =>
        [...document.querySelectorAll("article p, article li")].filter(
          (el) => !el.closest("details") && !el.closest("nav") && (el as HTMLElement).offsetHeight === 0,
        ).length,
    );
    expect(hidden).toBe(0);
  });

  test("older versions and the changes fit a phone's width", async ({ page }) => {
    await page.setViewportSize(PHONE);
    for (const path of [
      "/policies/privacy/v/1",
      "/policies/privacy/v/2/changes",
      "/policies/privacy/v/2/changes/only",
    ]) {
      await page.goto(path);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
    }
    // A long command wraps inside its block.
    await page.goto("/policies/privacy/v/1");
    const command = page.locator("pre", { hasText: "TELEMETRY_DISABLED" });
    const box = (await command.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  });

  test("the changes are formatted text with insertions marked, and can show only what changed", async ({ page }) => {
    await page.goto("/policies/privacy/v/2/changes");
    const changes = page.getByRole("region", { name: "Changes in version 2" });
    // A sentence version 2 added, marked as an insertion as a whole, as text (not Markdown).
    const inserted = changes.locator("ins", {
      hasText: "You can see, download, correct and delete the information we hold about you",
    });
    await expect(inserted.first()).toBeVisible();
    await expect(changes).not.toContainText("## ");
    await expect(changes).not.toContainText("**");
    // Sections are headings, as on the policy page.
    await expect(changes.getByRole("heading", { name: "More about sharing" })).toBeVisible();
    // An unchanged section shows in the whole text, and not among only the changes.
    const unchanged = changes.getByRole("heading", { name: "How do we learn information about you?" });
    await expect(unchanged).toBeVisible();

    await page.getByRole("link", { name: /Only changes/ }).click();
    await expect(page).toHaveURL(/\/policies\/privacy\/v\/2\/changes\/only$/);
    const only = page.getByRole("region", { name: "Changes in version 2" });
    await expect(only.locator("ins", { hasText: "You can see, download, correct and delete" }).first()).toBeVisible();
    await expect(only.getByRole("heading", { name: "How do we learn information about you?" })).toHaveCount(0);
    await expect(only.getByTestId("unchanged-sections").first()).toContainText(/unchanged sections? not shown/);
    await expect(page.getByRole("link", { name: /Only changes/ })).toHaveAttribute("aria-current", "page");

    // Only "only" is a view; anything else is no page. Both views are public and cacheable.
    expect((await page.request.get("/policies/privacy/v/2/changes/everything")).status()).toBe(404);
    const cached = await page.request.get("/policies/privacy/v/2/changes/only");
    expect(cached.status()).toBe(200);
    expect(cached.headers()["cache-control"]).toMatch(/^public,/);
  });
});

test.describe("the admin policy editor", () => {
  async function newDraft(page: Page) {
    const id = randomBytes(3).toString("hex");
    const slug = `e2e-editor-${id}`;
    const title = `Editor Policy ${id}`;
    await createDocument(page, title, slug);
    await page.getByRole("button", { name: "Start a new draft" }).click();
    await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
    return { slug, title, url: page.url() };
  }

  test("every field keeps its value after an error and after saving; substantive shows as saved", async ({
    page,
    signIn,
  }) => {
    await signIn(page, "admin@example.com");
    await newDraft(page);
    const markdown = "## Key points\n\n- We keep little.\n\n## What we collect\n\nYour **email address**.";
    const effective = isoDay(startOfDay(45));
    await page.getByLabel("Policy text (Markdown)").fill(markdown);
    await page.getByLabel(/Summary of changes/).fill("x".repeat(2001)); // too long: refused
    await page.getByLabel(/Substantive change/).check();
    await page.getByLabel("Effective date (UTC)").fill(effective);
    await page.getByLabel("Reason for shorter notice (if any)").fill("A reason that stays");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expect(page.getByLabel(/Summary of changes/)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Policy text (Markdown)")).toHaveValue(markdown);
    await expect(page.getByLabel(/Substantive change/)).toBeChecked();
    await expect(page.getByLabel("Effective date (UTC)")).toHaveValue(effective);
    await expect(page.getByLabel("Reason for shorter notice (if any)")).toHaveValue("A reason that stays");

    await page.getByLabel(/Summary of changes/).fill("We now say what we collect.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved.")).toBeVisible();
    await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
    await expect(page.getByLabel(/Substantive change/)).toBeChecked();
    await expect(page.getByLabel("Policy text (Markdown)")).toHaveValue(markdown);
    await expect(page.getByLabel(/Summary of changes/)).toHaveValue("We now say what we collect.");
    await expect(page.getByLabel("Effective date (UTC)")).toHaveValue(effective);
    await expect(page.getByLabel("Reason for shorter notice (if any)")).toHaveValue("A reason that stays");
    // The publish panel agrees with the box: everyone gets the email.
    await expect(page.locator("#publish")).toContainText("Substantive change");

    // And so does a fresh load of the page.
    await page.reload();
    await expect(page.getByLabel(/Substantive change/)).toBeChecked();
    await expect(page.getByLabel("Reason for shorter notice (if any)")).toHaveValue("A reason that stays");
  });

  test("split view with a live preview and a bar with Save and Publish; tabs on a phone", async ({ page, signIn }) => {
    await signIn(page, "admin@example.com");
    await page.setViewportSize(DESKTOP);
    const { url } = await newDraft(page);
    const editor = page.getByLabel("Policy text (Markdown)");
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(editor).toBeVisible();
    await expect(preview).toBeVisible();
    const editorBox = (await editor.boundingBox())!;
    const previewBox = (await preview.boundingBox())!;
    expect(previewBox.x).toBeGreaterThanOrEqual(editorBox.x + editorBox.width - 1);
    // The preview follows the text before it is saved.
    await editor.fill("## Key points\n\n- Typed just now.\n\n## Section one\n\nText.");
    await expect(preview.getByRole("region", { name: "Key points" })).toContainText("Typed just now.");
    await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
    // While the cookie question is open at the bottom of the screen, the bar sits after the form instead of under
    // the banner; once it is answered, the bar stays in view with Save and Publish.
    const bar = page.getByTestId("editor-bar");
    if (await page.getByTestId("cookie-banner").isVisible()) {
      await expect(bar).toHaveCSS("position", "static");
      await answerCookieQuestion(page);
    }
    await expect(bar).toHaveCSS("position", "fixed");
    await page.mouse.wheel(0, 1500);
    await expect(bar).toBeInViewport();
    await expect(bar.getByRole("button", { name: "Save draft" })).toBeVisible();
    await expect(bar.getByRole("link", { name: "Publish…" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize(PHONE);
    await page.goto(url);
    await expect(page.getByRole("tab", { name: "Edit" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByLabel("Policy text (Markdown)")).toBeVisible();
    await expect(page.getByRole("region", { name: "Preview" })).toBeHidden();
    await page.getByRole("tab", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
    await expect(page.getByLabel("Policy text (Markdown)")).toBeHidden();
    await page.getByRole("tab", { name: "Edit" }).click();
    await answerCookieQuestion(page);
    // Other tests' upcoming policies show a banner to every account: not this page's own height.
    await page
      .getByRole("region")
      .filter({ has: page.getByRole("button", { name: "Dismiss" }) })
      .evaluateAll((banners) => banners.forEach((banner) => banner.remove()));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(2500);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("before publishing: the recipient count, the email, and a test send that arrives", async ({
    page,
    signIn,
    mailbox,
  }) => {
    await signIn(page, "admin@example.com");
    const { title } = await newDraft(page);
    await page.getByLabel("Policy text (Markdown)").fill("## Our terms\n\nWe changed something important.");
    await page.getByLabel(/Summary of changes/).fill("We changed something important.");
    await page.getByLabel(/Substantive change/).check();
    await page.getByLabel("Effective date (UTC)").fill(isoDay(startOfDay(45)));
    const before = await queryCount(`SELECT count(*) FROM "User"`);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved.")).toBeVisible();

    const publish = page.locator("#publish");
    // Every account (others' tests add accounts meanwhile).
    const shown = Number(await publish.getByTestId("recipient-count").textContent());
    const after = await queryCount(`SELECT count(*) FROM "User"`);
    expect(shown).toBeGreaterThanOrEqual(before);
    expect(shown).toBeLessThanOrEqual(after);
    await expect(publish.getByTestId("preview-subject")).toContainText(`Changes to our ${title}`);
    await expect(publish.getByTestId("preview-email")).toContainText("We changed something important.");

    const since = new Date();
    await publish.getByRole("button", { name: "Send me a test" }).click();
    await expect(publish.getByText(/test .*sent to admin@example\.com/i)).toBeVisible();
    const mail = await mailbox.waitFor("admin@example.com", {
      subject: new RegExp(`^\\[Test\\] Changes to our ${title}`),
      since,
    });
    expect(mail.text).toContain("We changed something important.");
    // A test is not the notice: nobody else got it, and nothing was published.
    expect(
      await queryCount(
        `SELECT count(*) FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId"
        WHERE d.title = $1 AND v.status = 'PUBLISHED'`,
        [title],
      ),
    ).toBe(0);
  });
});
