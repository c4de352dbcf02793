// Policies: draft, preview, word diff, publish rules, public pages, archive,
// scheduled versions becoming current (injected clock), banner, immutability.
// Needs ALLOW_TEST_CLOCK=1 in the test server's environment.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { createDocument, longDate, publishSavedDraft, saveDraft, startOfDay } from "./fixtures/policy-editor";
import { expect, getTestDb, queryCount, queryOne, test, uniqueEmail } from "./fixtures";

async function anonymousAt(browser: Browser, at: Date) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-test-now": at.toISOString() } });
  return { context, page: await context.newPage() };
}

test.describe("policy publishing", () => {
  test("draft, preview, diff, publish with effective dates; public pages, archive and scheduled versions", async ({
    page,
    signIn,
    browser,
  }) => {
    const id = randomBytes(3).toString("hex");
    const slug = `e2e-terms-${id}`;
    const title = `E2E Terms ${id}`;
    await signIn(page, "admin@example.com");
    await createDocument(page, title, slug);

    // Version 1: a minor change effective tomorrow.
    const v1Date = startOfDay(1);
    await saveDraft(page, slug, {
      markdown: "# Terms\n\nWe collect your **name** to run the service.",
      summary: "First version.",
      substantive: false,
      effective: v1Date,
    });
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByRole("heading", { level: 1, name: "Terms", exact: true })).toBeVisible();
    await expect(preview.locator("strong", { hasText: "name" })).toBeVisible();
    await page.getByRole("tab", { name: "Changes" }).click();
    await expect(
      page
        .getByRole("region", { name: "Changes against the live version" })
        .locator("ins", { hasText: "We collect your" }),
    ).toBeVisible();

    // Publishing needs the explicit confirmation.
    await page.getByRole("button", { name: "Publish saved draft" }).click();
    await expect(page.getByText("Tick the box to confirm")).toBeVisible();
    await publishSavedDraft(page);
    await expect(page.getByText("Version 1 is published")).toBeVisible();

    // Not current before its date; current from its date, with nobody acting.
    const before = await anonymousAt(browser, new Date(v1Date.getTime() - 3_600_000));
    const response = await before.page.goto(`/policies/${slug}`);
    expect(response?.status()).toBe(404);
    await before.context.close();

    // Version 2: substantive; 10 days' notice is refused without a reason, 45 days is fine.
    await saveDraft(page, slug, {
      markdown: "# Terms\n\nWe collect your **name and email address** to run the service.",
      summary: "We now also collect your email address.",
      substantive: true,
      effective: startOfDay(10),
    });
    await page.getByRole("tab", { name: "Changes" }).click();
    await expect(
      page.getByRole("region", { name: "Changes against the live version" }).locator("ins").first(),
    ).toBeVisible();
    await publishSavedDraft(page);
    await expect(page.getByText(/at least 30 days after publishing/).first()).toBeVisible();
    const v2Date = startOfDay(45);
    await saveDraft(page, slug, {
      markdown: "# Terms\n\nWe collect your **name and email address** to run the service.",
      summary: "We now also collect your email address.",
      substantive: true,
      effective: v2Date,
    });
    await publishSavedDraft(page);
    await expect(page.getByText("Version 2 is published")).toBeVisible();

    // Public pages while v1 is current and v2 upcoming.
    const during = await anonymousAt(browser, new Date(v1Date.getTime() + 3_600_000));
    await during.page.goto(`/policies/${slug}`);
    await expect(during.page.getByTestId("effective-date")).toHaveText(
      `Effective date: ${longDate(v1Date)} · Version 1`,
    );
    await expect(during.page.getByText(`An updated version takes effect on ${longDate(v2Date)}`)).toBeVisible();
    await during.page.getByRole("link", { name: "All versions and changes" }).click();
    await expect(during.page.getByRole("heading", { name: `${title}: all versions` })).toBeVisible();
    const items = during.page.getByRole("listitem");
    await expect(items.filter({ hasText: "Version 2" })).toContainText("Upcoming");
    await expect(items.filter({ hasText: "Version 1" })).toContainText("Current");
    await items
      .filter({ hasText: "Version 2" })
      .getByRole("link", { name: "Changes from the previous version" })
      .click();
    await expect(during.page).toHaveURL(new RegExp(`/policies/${slug}/v/2/changes$`));
    await expect(during.page.locator("ins").filter({ hasText: "and email address" })).toBeVisible();
    await expect(during.page.getByText("We now also collect your email address.")).toBeVisible();
    await during.context.close();

    // At v2's effective date it is current: the stable v1 URL now says "Superseded".
    const after = await anonymousAt(browser, new Date(v2Date.getTime() + 60_000));
    await after.page.goto(`/policies/${slug}`);
    await expect(after.page.getByTestId("effective-date")).toHaveText(
      `Effective date: ${longDate(v2Date)} · Version 2`,
    );
    await expect(after.page.getByText("An updated version takes effect")).toHaveCount(0);
    await after.page.goto(`/policies/${slug}/v/1`);
    await expect(after.page.getByTestId("effective-date")).toContainText("Superseded");
    await expect(after.page.getByText("This version has been replaced")).toBeVisible();
    await after.context.close();

    // Published versions are immutable: no editor, and the database refuses writes.
    await page.goto(`/admin/policies/${slug}/v/2`);
    await expect(page.getByText("Published: this version can no longer be changed")).toBeVisible();
    await expect(page.getByLabel("Policy text (Markdown)")).toHaveCount(0);
    await expect(
      getTestDb().query(
        `UPDATE "PolicyVersion" SET markdown = 'tampered' WHERE "documentId" = (SELECT id FROM "PolicyDocument" WHERE slug = $1) AND version = 2`,
        [slug],
      ),
    ).rejects.toThrow(/immutable/);

    // Every step was audited.
    const audited = await queryCount(
      `SELECT count(*) FROM "AuditLog" WHERE action IN ('policy.document.create', 'policy.draft.create', 'policy.draft.update', 'policy.publish') AND (metadata->>'slug' = $1 OR "targetId" IN (SELECT v.id FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId" WHERE d.slug = $1))`,
      [slug],
    );
    expect(audited).toBeGreaterThanOrEqual(8);
  });

  test("bad input and non-admins", async ({ page, signIn }) => {
    await signIn(page, uniqueEmail("policy-nonadmin"));
    const response = await page.goto("/admin/policies");
    expect(response?.status()).toBe(404);
    expect(await page.goto("/policies/no-such-policy").then((r) => r?.status())).toBe(404);
    expect(await page.goto("/policies/privacy/v/999").then((r) => r?.status())).toBe(404);
    expect(await page.goto("/policies/privacy/v/abc/changes").then((r) => r?.status())).toBe(404);
  });

  test("admin form validation: bad address, duplicate address, past effective date", async ({ page, signIn }) => {
    await signIn(page, "admin@example.com");
    await page.goto("/admin/policies");
    await page.getByLabel("Title").fill("Bad one");
    await page.getByLabel("Address (/policies/…)").fill("Not A Slug!");
    await page.getByRole("button", { name: "Create document" }).click();
    await expect(page.getByText("Use lowercase letters, digits and dashes")).toBeVisible();
    await page.getByLabel("Address (/policies/…)").fill("privacy");
    await page.getByRole("button", { name: "Create document" }).click();
    await expect(page.getByText("A document with this address already exists").first()).toBeVisible();

    const slug = `e2e-past-${randomBytes(3).toString("hex")}`;
    await createDocument(page, "Past date check", slug);
    await saveDraft(page, slug, { markdown: "Text", summary: "", substantive: false, effective: startOfDay(-2) });
    await publishSavedDraft(page);
    await expect(page.getByText("Write a summary of the changes before publishing").first()).toBeVisible();
    await saveDraft(page, slug, {
      markdown: "Text",
      summary: "Something",
      substantive: false,
      effective: startOfDay(-2),
    });
    await publishSavedDraft(page);
    await expect(page.getByText("The effective date must be in the future").first()).toBeVisible();
    expect(
      await queryCount(
        `SELECT count(*) FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId" WHERE d.slug = $1 AND v.status = 'PUBLISHED'`,
        [slug],
      ),
    ).toBe(0);
  });
});

test("policy pages (public and admin) have no serious accessibility violations", async ({ page, signIn }) => {
  const check = async (path: string) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    const serious = results.violations.filter(
      (violation) => violation.impact === "serious" || violation.impact === "critical",
    );
    expect(serious.map((violation) => `${path}: ${violation.id}`)).toEqual([]);
  };
  for (const path of [
    "/policies",
    "/policies/privacy/archive",
    "/policies/privacy/v/1",
    "/policies/privacy/v/2/changes",
  ])
    await check(path);
  await signIn(page, "admin@example.com");
  for (const path of ["/admin/policies", "/admin/policies/privacy", "/admin/policies/privacy/v/2", "/admin/notices"])
    await check(path);
});

test.describe("policy banner", () => {
  async function insertUpcomingSubstantive() {
    const id = randomBytes(3).toString("hex");
    const slug = `e2e-banner-${id}`;
    const title = `Banner Policy ${id}`;
    const doc = await queryOne<{ id: string }>(
      `INSERT INTO "PolicyDocument" (id, slug, title) VALUES ($1, $2, $3) RETURNING id`,
      [`doc_${id}`, slug, title],
    );
    await getTestDb().query(
      `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
       VALUES ($1, $2, 1, 'PUBLISHED', 'Old text', 'First', true, now() - interval '400 days', now() - interval '400 days', now()),
              ($3, $2, 2, 'PUBLISHED', 'New text', 'Changed', true, now() + interval '40 days', now(), now())`,
      [`pv1_${id}`, doc!.id, `pv2_${id}`],
    );
    return { slug, title, versionId: `pv2_${id}` };
  }

  test("shows an upcoming substantive change on the public site and in the portal; dismissible per user", async ({
    page,
    signIn,
    browser,
  }) => {
    const policy = await insertUpcomingSubstantive();
    const email = uniqueEmail("banner");
    await signIn(page, email);
    const banner = page.getByRole("region", { name: `${policy.title} update` });
    await expect(banner).toContainText(`Our ${policy.title} changes on`);
    await page.goto("/policies/privacy");
    await expect(banner).toBeVisible();
    await banner.getByRole("link", { name: "See what changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/policies/${policy.slug}/v/2/changes$`));
    await banner.getByRole("button", { name: /Dismiss/ }).click();
    await expect(banner).toHaveCount(0);
    await page.goto("/account");
    await expect(page.getByRole("region", { name: `${policy.title} update` })).toHaveCount(0);
    expect(
      await queryCount(
        `SELECT count(*) FROM "PolicyBannerDismissal" d JOIN "User" u ON u.id = d."userId" WHERE u.email = $1 AND d."policyVersionId" = $2`,
        [email, policy.versionId],
      ),
    ).toBe(1);

    // Another visitor still sees it.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto("/policies/privacy");
    await expect(otherPage.getByRole("region", { name: `${policy.title} update` })).toBeVisible();
    await other.close();
  });
});
