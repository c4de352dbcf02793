// Change notices: a substantive version emails every user once, with the
// summary, effective date and a link to the diff; a minor version emails only
// those who opted in. Admin sees progress and can pause/resume.
import { randomBytes } from "node:crypto";
import { createUser, expect, Mailbox, queryCount, queryOne, test, uniqueEmail } from "./fixtures";
import { createDocument, longDate, publishSavedDraft, saveDraft, startOfDay } from "./fixtures/policy-editor";

async function campaignIdFor(slug: string, version: number) {
  const row = await queryOne<{ id: string }>(
    `SELECT c.id FROM "NoticeCampaign" c JOIN "PolicyVersion" v ON v.id = c."policyVersionId" JOIN "PolicyDocument" d ON d.id = v."documentId" WHERE d.slug = $1 AND v.version = $2`,
    [slug, version],
  );
  return row!.id;
}

test("substantive change: every user gets one notice with the right links; minor change: only opted-in users", async ({
  browser,
  page,
  signIn,
  mailbox,
}) => {
  test.setTimeout(120_000);
  // Two users who exist before publishing; one opts in to minor-change notices.
  const plain = uniqueEmail("notice-plain");
  const keen = uniqueEmail("notice-keen");
  const keenContext = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.19.${randomBytes(1)[0]}.${randomBytes(1)[0]}` },
  });
  const keenPage = await keenContext.newPage();
  await signIn(keenPage, keen);
  await keenPage.goto("/policies/privacy");
  await keenPage.getByRole("button", { name: "Email me about minor changes too" }).click();
  await expect(keenPage.getByText("We will email you about minor changes too.")).toBeVisible();
  const plainContext = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.19.${randomBytes(1)[0]}.${randomBytes(1)[0]}` },
  });
  await signIn(await plainContext.newPage(), plain);

  const id = randomBytes(3).toString("hex");
  const slug = `e2e-notice-${id}`;
  const title = `Notice Policy ${id}`;
  await signIn(page, "admin@example.com");
  await createDocument(page, title, slug);
  await saveDraft(page, slug, {
    markdown: "# Notice policy\n\nVersion one.",
    summary: "First.",
    substantive: false,
    effective: startOfDay(1),
  });
  await publishSavedDraft(page);
  await expect(page.getByText("Version 1 is published")).toBeVisible();

  // Substantive v2 with a recorded reason for short notice.
  const since = new Date();
  const v2Date = startOfDay(5);
  await saveDraft(page, slug, {
    markdown: "# Notice policy\n\nVersion two adds analytics.",
    summary: "We add product analytics.",
    substantive: true,
    effective: v2Date,
    reason: "Regulator-mandated change, short notice agreed",
  });
  await publishSavedDraft(page);
  await expect(page.getByText("Version 2 is published")).toBeVisible();
  await page.getByRole("link", { name: "Follow the change notices to every user" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Completed", { timeout: 60_000 });
  await expect(page.getByTestId("figure-remaining")).toHaveText("0");

  for (const email of [plain, keen]) {
    const message = await mailbox.waitFor(email, { subject: new RegExp(`Changes to our ${title}`), since });
    expect(message.text).toContain("We add product analytics.");
    expect(message.text).toContain(longDate(v2Date));
    // The Message-ID is derived from the delivery row, so a resent notice is recognisable as the same one.
    const delivery = await queryOne<{ id: string }>(
      `SELECT d.id FROM "NoticeDelivery" d JOIN "User" u ON u.id = d."userId" JOIN "NoticeCampaign" c ON c.id = d."campaignId" JOIN "PolicyVersion" v ON v.id = c."policyVersionId" JOIN "PolicyDocument" doc ON doc.id = v."documentId" WHERE u.email = $1 AND doc.slug = $2 AND v.version = 2`,
      [email, slug],
    );
    expect(message.headers["message-id"]).toMatch(new RegExp(`^<notice-${delivery!.id}@`));
    const link = Mailbox.link(message, `/policies/${slug}/v/2/changes`);
    await page.goto(link);
    await expect(page.locator("ins").filter({ hasText: "two adds analytics" })).toBeVisible();
    const all = await mailbox.list(email);
    expect(all.filter((m) => m.subject.includes(title) && m.subject.includes(longDate(v2Date)))).toHaveLength(1);
  }
  const v2Campaign = await campaignIdFor(slug, 2);
  // One delivery per user: the unique key refuses a second one.
  expect(
    await queryCount(`SELECT count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1 AND email = $2`, [
      v2Campaign,
      plain,
    ]),
  ).toBe(1);
  expect(
    await queryCount(`SELECT count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1 AND status <> 'SENT'`, [
      v2Campaign,
    ]),
  ).toBe(0);
  const override = await queryOne<{ overrideReason: string }>(
    `SELECT v."overrideReason" FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId" WHERE d.slug = $1 AND v.version = 2`,
    [slug],
  );
  expect(override?.overrideReason).toBe("Regulator-mandated change, short notice agreed");

  // Minor v3: no mass email; the opted-in user is notified.
  const minorSince = new Date();
  await saveDraft(page, slug, {
    markdown: "# Notice policy\n\nVersion two adds product analytics.",
    summary: "Wording clarified.",
    substantive: false,
    effective: startOfDay(8),
  });
  await publishSavedDraft(page);
  await expect(page.getByText("Version 3 is published")).toBeVisible();
  const v3Campaign = await campaignIdFor(slug, 3);
  await expect
    .poll(
      async () =>
        (await queryOne<{ status: string }>(`SELECT status::text FROM "NoticeCampaign" WHERE id = $1`, [v3Campaign]))
          ?.status,
      { timeout: 60_000 },
    )
    .toBe("COMPLETED");
  await mailbox.waitFor(keen, { subject: new RegExp(`Changes to our ${title}`), since: minorSince });
  expect(
    await queryCount(`SELECT count(*) FROM "NoticeDelivery" WHERE "campaignId" = $1 AND email = $2`, [
      v3Campaign,
      plain,
    ]),
  ).toBe(0);
  expect(
    await queryCount(
      `SELECT count(*) FROM "NoticeDelivery" d WHERE d."campaignId" = $1 AND NOT EXISTS (SELECT 1 FROM "PolicyNoticePreference" p WHERE p."userId" = d."userId" AND p."minorChanges")`,
      [v3Campaign],
    ),
  ).toBe(0);
  // plain got only the v2 notice (v1 and v3 were minor).
  expect((await mailbox.list(plain)).filter((m) => m.subject.includes(title))).toHaveLength(1);
  await keenContext.close();
  await plainContext.close();
});

test("admin can pause and resume a campaign; controls are audited; non-admins cannot see notices", async ({
  page,
  signIn,
  browser,
}) => {
  // A paused campaign with queued deliveries, made directly in the database.
  const id = randomBytes(3).toString("hex");
  const doc = await queryOne<{ id: string }>(
    `INSERT INTO "PolicyDocument" (id, slug, title) VALUES ($1, $2, $3) RETURNING id`,
    [`docp_${id}`, `e2e-pause-${id}`, `Pause Policy ${id}`],
  );
  await queryOne(
    `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
     VALUES ($1, $2, 1, 'PUBLISHED', 'Text', 'Paused notice', false, now() + interval '40 days', now(), now())`,
    [`pvp_${id}`, doc!.id],
  );
  await queryOne(
    `INSERT INTO "NoticeCampaign" (id, "policyVersionId", audience, status, "ratePerSecond", total, "materializedAt", "updatedAt") VALUES ($1, $2, 'MINOR_OPT_IN', 'PAUSED', 5, 0, now(), now())`,
    [`nc_${id}`, `pvp_${id}`],
  );
  await signIn(page, "admin@example.com");
  await page.goto(`/admin/notices/nc_${id}`);
  await expect(page.getByTestId("campaign-status")).toHaveText("Paused");
  await page.getByLabel("Rate limit (messages per second)").fill("0");
  await page.getByRole("button", { name: "Set rate" }).click();
  await expect(page.getByText("At least 1")).toBeVisible();
  await page.getByLabel("Rate limit (messages per second)").fill("20");
  await page.getByRole("button", { name: "Set rate" }).click();
  await expect(page.getByText("Rate set to 20 messages per second.")).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  // With nobody to notify the worker completes it.
  await expect(page.getByTestId("campaign-status")).toHaveText("Completed", { timeout: 30_000 });
  expect(
    await queryCount(
      `SELECT count(*) FROM "AuditLog" WHERE "targetId" = $1 AND action IN ('notice.campaign.resume', 'notice.campaign.rate')`,
      [`nc_${id}`],
    ),
  ).toBe(2);
  await page.goto("/admin/notices");
  await expect(page.getByRole("link", { name: `Pause Policy ${id} v1` })).toBeVisible();

  // A signed-in person without the admin role sees neither the list nor the campaign.
  const nonAdmin = uniqueEmail("notice-nonadmin");
  await createUser(nonAdmin);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, nonAdmin);
  await expect(otherPage.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await otherPage.goto(`/admin/notices/nc_${id}`))?.status()).toBe(404);
  expect((await otherPage.goto("/admin/notices"))?.status()).toBe(404);
  expect(
    await queryCount(
      `SELECT count(*) FROM "AuditLog" a JOIN "PersonKey" k ON k.ref = a."actorId" JOIN "User" u ON u.id = k."userId" WHERE u.email = $1 AND a.action = 'authz.denied'`,
      [nonAdmin],
    ),
  ).toBe(2);
  await other.close();
});
