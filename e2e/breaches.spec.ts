// Breach notices: the team composes a notice, selects the affected people,
// previews it and sends it through the notice fan-out; each selected person gets
// exactly one email and sees the notice in their portal until they acknowledge it.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { createUser, expect, getTestDb, queryCount, queryOne, test, uniqueEmail, type Mailbox } from "./fixtures";

type SignIn = (page: Page, email: string) => Promise<void>;

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

async function adminPage(browser: Browser, signIn: SignIn, options: { width?: number } = {}) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.18.7.${Math.floor(Math.random() * 250)}` },
    ...(options.width ? { viewport: { width: options.width, height: 900 } } : {}),
  });
  const page = await context.newPage();
  await signIn(page, "admin@example.com");
  return { page, close: () => context.close() };
}

type Draft = {
  title: string;
  discovered: Date;
  audience: "list" | "categories";
  emails?: string[];
  categories?: string[];
  from?: string;
  to?: string;
};

async function composeBreach(page: Page, draft: Draft): Promise<string> {
  await page.goto("/admin/breaches/new");
  await page.getByLabel("Title").fill(draft.title);
  await page
    .getByLabel("What happened")
    .fill("An outsider used a stolen password to read a support mailbox for four days.");
  await page.getByLabel("When it happened (or began)").fill(isoDay(new Date(draft.discovered.getTime() - 5 * DAY)));
  await page.getByLabel("Date discovered").fill(isoDay(draft.discovered));
  await page.getByLabel("What data was involved").fill("Names, email addresses and support messages.");
  await page.getByLabel("What we did").fill("Locked the mailbox and reset every support password.");
  await page.getByLabel("What people should do").fill("Be wary of emails that mention your support conversation.");
  await page.getByLabel("Contact for questions").fill("privacy@example.com");
  if (draft.audience === "list") {
    await page.getByLabel("A list of email addresses").check();
    await page.getByLabel("Affected addresses").fill(draft.emails!.join("\n"));
  } else {
    await page.getByLabel("People holding data in chosen categories, within a date range").check();
    for (const category of draft.categories!) await page.getByLabel(category, { exact: true }).check();
    if (draft.from) await page.getByLabel("Records from (optional)").fill(draft.from);
    if (draft.to) await page.getByLabel("Records until (optional, inclusive)").fill(draft.to);
  }
  await page.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(page).toHaveURL(/\/admin\/breaches\/[a-z0-9]+\?saved=1$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

async function send(page: Page) {
  await page.getByLabel(/I checked the preview/).check();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Send the breach notice" }).click();
  // The page turns from the draft's preview into the campaign's progress.
  await expect(page.getByRole("heading", { name: "Progress" })).toBeVisible();
}

async function waitUntilSent(breachId: string) {
  await expect
    .poll(
      async () =>
        (
          await queryOne<{ status: string }>(
            `SELECT c.status::text AS status FROM "NoticeCampaign" c WHERE c."breachId" = $1`,
            [breachId],
          )
        )?.status,
      { timeout: 60_000 },
    )
    .toBe("COMPLETED");
}

const breachMails = async (mailbox: Mailbox, email: string) =>
  (await mailbox.list(email)).filter((mail) => /notice of a data breach/i.test(mail.subject));

test.describe("breach notices", () => {
  test("a notice reaches exactly the listed people once each and stays in their portal until acknowledged", async ({
    page,
    signIn,
    mailbox,
    browser,
  }) => {
    test.setTimeout(120_000);
    const [first, second, bystander] = [uniqueEmail("breach-a"), uniqueEmail("breach-b"), uniqueEmail("breach-c")];
    for (const email of [first, second, bystander]) await createUser(email, { name: "Sam Person" });
    const nobody = uniqueEmail("no-account");
    const title = `Mailbox incident ${Date.now()}`;
    const team = await adminPage(browser, signIn);
    const id = await composeBreach(team.page, {
      title,
      discovered: new Date(Date.now() - 3 * DAY),
      audience: "list",
      emails: [first, second.toUpperCase(), nobody],
    });

    // The preview: how many people, who has no account, the email and the portal banner.
    await expect(team.page.getByTestId("recipient-count")).toHaveText("2");
    await expect(team.page.getByText(/1 listed address has no account/)).toBeVisible();
    await expect(team.page.getByRole("status").filter({ hasText: nobody })).toBeVisible();
    await expect(team.page.getByTestId("preview-subject")).toHaveText(`Important: notice of a data breach (${title})`);
    await expect(team.page.getByTestId("preview-email")).toContainText(/What you can do/i);
    await expect(team.page.getByTestId("breach-banner")).toContainText(title);
    expect(await queryCount(`SELECT count(*) FROM "NoticeCampaign" WHERE "breachId" = $1`, [id])).toBe(0);

    await send(team.page);
    await waitUntilSent(id);
    const deliveries = await getTestDb().query<{ email: string; status: string }>(
      `SELECT d.email, d.status::text AS status FROM "NoticeDelivery" d JOIN "NoticeCampaign" c ON c.id = d."campaignId" WHERE c."breachId" = $1 ORDER BY d.email`,
      [id],
    );
    expect(deliveries.rows).toEqual([first, second].sort().map((email) => ({ email, status: "SENT" })));
    // Exactly one email each in the catcher, none to anyone else.
    await expect.poll(async () => (await breachMails(mailbox, first)).length).toBe(1);
    await expect.poll(async () => (await breachMails(mailbox, second)).length).toBe(1);
    expect((await breachMails(mailbox, bystander)).length).toBe(0);
    expect((await breachMails(mailbox, nobody)).length).toBe(0);
    const mail = (await breachMails(mailbox, first))[0];
    expect(mail.subject).toBe(`Important: notice of a data breach (${title})`);
    expect(mail.text).toContain("Hello Sam Person,");
    expect(mail.text).toContain("An outsider used a stolen password");
    expect(mail.text).toContain("privacy@example.com");
    expect(mail.text).toMatch(new RegExp(`/account/notices#breach-${id}`));
    expect(
      await queryCount(`SELECT count(*) FROM "AuditLog" WHERE action = 'breach.send' AND "targetId" = $1`, [id]),
    ).toBe(1);

    // The time to notify is recorded: sent within the 30 days.
    await team.page.goto("/admin/breaches");
    const row = team.page.locator(`tr[data-breach="${id}"]`);
    await expect(row).toContainText("2 / 2");
    await expect(row.getByTestId("notify-time")).toHaveText("3 days");
    await team.page.goto(`/admin/breaches/${id}`);
    await expect(team.page.getByRole("table", { name: "Recipients and when they were notified" })).toContainText(first);
    await team.page.screenshot({ path: test.info().outputPath("admin-breach-sent-1280.png"), fullPage: true });

    // The person sees the banner on every portal page until they acknowledge it.
    await signIn(page, first);
    await expect(page.getByTestId("breach-banner")).toContainText(title);
    await page.screenshot({ path: test.info().outputPath("account-banner-1280.png"), fullPage: true });
    await page.goto("/account/data");
    await expect(page.getByTestId("breach-banner")).toContainText(title);
    await page.getByRole("link", { name: "Read the notice" }).click();
    await expect(page).toHaveURL(new RegExp(`/account/notices#breach-${id}$`));
    const article = page.getByRole("article", { name: title });
    await expect(article).toContainText("Names, email addresses and support messages.");
    await article.getByRole("button", { name: "I have read this notice" }).click();
    await expect(page.getByTestId("breach-acknowledged")).toBeVisible();
    expect(
      (await queryOne<{ acknowledgedAt: Date | null }>(
        `SELECT d."acknowledgedAt" FROM "NoticeDelivery" d JOIN "User" u ON u.id = d."userId" WHERE u.email = $1`,
        [first],
      ))!.acknowledgedAt,
    ).not.toBeNull();
    await page.goto("/account");
    await expect(page.getByTestId("breach-banner")).toHaveCount(0);

    // Someone not selected sees nothing.
    const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.7.251" } });
    const otherPage = await other.newPage();
    await signIn(otherPage, bystander);
    await expect(otherPage.getByTestId("breach-banner")).toHaveCount(0);
    await other.close();

    // A sent notice cannot be sent again.
    await team.page.goto(`/admin/breaches/${id}`);
    await expect(team.page.getByRole("button", { name: "Send the breach notice" })).toHaveCount(0);
    await team.close();
  });

  test("people holding data of a category within dates are selected; a notice after 30 days is flagged", async ({
    signIn,
    mailbox,
    browser,
  }) => {
    test.setTimeout(120_000);
    const inside = uniqueEmail("cat-in");
    const outside = uniqueEmail("cat-out");
    const insideId = await createUser(inside);
    const outsideId = await createUser(outside);
    await getTestDb().query(
      `INSERT INTO "EmailSubscription" (id, "userId", category, subscribed, "createdAt", "updatedAt") VALUES ($1, $2, 'PRODUCT_NEWS', true, '2010-03-15', now())`,
      [`sub${insideId}`, insideId],
    );
    await getTestDb().query(
      `INSERT INTO "EmailSubscription" (id, "userId", category, subscribed, "createdAt", "updatedAt") VALUES ($1, $2, 'PRODUCT_NEWS', true, '2010-05-01', now())`,
      [`sub${outsideId}`, outsideId],
    );
    const team = await adminPage(browser, signIn);
    const title = `Old mailing list exposed ${Date.now()}`;
    const id = await composeBreach(team.page, {
      title,
      discovered: new Date(Date.now() - 40 * DAY),
      audience: "categories",
      categories: ["Mailing lists and email events"],
      from: "2010-03-01",
      to: "2010-03-31",
    });
    await expect(team.page.getByTestId("recipient-count")).toHaveText("1");
    // Not yet sent, already past the 30 days: flagged.
    await expect(team.page.getByTestId("notify-late")).toContainText("over 30 days");
    await send(team.page);
    await waitUntilSent(id);
    await expect.poll(async () => (await breachMails(mailbox, inside)).length).toBe(1);
    expect((await breachMails(mailbox, outside)).length).toBe(0);
    expect(
      await queryCount(
        `SELECT count(*) FROM "NoticeDelivery" d JOIN "NoticeCampaign" c ON c.id = d."campaignId" WHERE c."breachId" = $1`,
        [id],
      ),
    ).toBe(1);
    await team.page.goto("/admin/breaches");
    await expect(team.page.locator(`tr[data-breach="${id}"]`).getByTestId("notify-late")).toHaveText(
      "40 days: over 30 days",
    );
    await team.close();
  });

  test("the compose form refuses incomplete or wrong input and creates nothing", async ({ signIn, browser }) => {
    const team = await adminPage(browser, signIn);
    const page = team.page;
    await page.goto("/admin/breaches/new");
    await page.getByRole("button", { name: "Save draft and preview" }).click();
    await expect(page.getByText("Give the breach a short title.")).toBeVisible();
    await expect(page.getByText("Enter the date it was discovered.")).toBeVisible();
    await expect(page.getByText("Give a contact (an address, phone or email).")).toBeVisible();

    await page.getByLabel("Title").fill("A breach with bad dates");
    await page.getByLabel("What happened").fill("Something happened that we need to tell people about.");
    await page.getByLabel("When it happened (or began)").fill("2026-05-10");
    await page.getByLabel("Date discovered").fill("2026-05-01");
    await page.getByLabel("What data was involved").fill("Email addresses.");
    await page.getByLabel("What we did").fill("We fixed the hole.");
    await page.getByLabel("What people should do").fill("Nothing, but be careful.");
    await page.getByLabel("Contact for questions").fill("privacy@example.com");
    await page.getByLabel("A list of email addresses").check();
    await page.getByLabel("Affected addresses").fill("someone@example.com\nnot-an-address");
    await page.getByRole("button", { name: "Save draft and preview" }).click();
    await expect(page.getByText("It cannot have been discovered before it happened.")).toBeVisible();
    await expect(page.getByText("Not an email address: not-an-address.")).toBeVisible();
    // What was typed is kept.
    await expect(page.getByLabel("Title")).toHaveValue("A breach with bad dates");

    await page.getByLabel("Date discovered").fill(isoDay(new Date(Date.now() + 5 * DAY)));
    await page.getByLabel("When it happened (or began)").fill("2026-05-10");
    await page.getByLabel("Affected addresses").fill("someone@example.com");
    await page.getByRole("button", { name: "Save draft and preview" }).click();
    await expect(page.getByText("The discovery date cannot be in the future.").first()).toBeVisible();

    await page.getByLabel("People holding data in chosen categories, within a date range").check();
    await page.getByLabel("Date discovered").fill("2026-05-12");
    await page.getByRole("button", { name: "Save draft and preview" }).click();
    await expect(page.getByText("Choose at least one data category.")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "Breach" WHERE title = 'A breach with bad dates'`)).toBe(0);

    // Sending without ticking the confirmation is refused too.
    const id = await composeBreach(page, {
      title: `Confirm check ${Date.now()}`,
      discovered: new Date(Date.now() - DAY),
      audience: "list",
      emails: ["bob@example.com"],
    });
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Send the breach notice" }).click();
    await expect(page.getByText(/Tick the box to confirm/)).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "NoticeCampaign" WHERE "breachId" = $1`, [id])).toBe(0);
    await team.close();
  });

  test("non-admins get 404; the pages pass axe at desktop and phone widths", async ({ page, signIn, browser }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("not-admin");
    await createUser(email);
    await signIn(page, email);
    const draft = await getTestDb().query<{ id: string }>(
      `INSERT INTO "Breach" (id, title, "whatHappened", "occurredFrom", "discoveredAt", "dataInvolved", "whatWeDid", "whatToDo", contact, audience, "audienceEmails", "updatedAt")
       VALUES ($1, 'Axe draft', 'A laptop with a copy of the mailing list was stolen from a car.', now() - interval '3 days', now() - interval '2 days', 'Email addresses', 'Reported it to the police.', 'Nothing needed.', 'privacy@example.com', 'LIST', ARRAY[$2], now()) RETURNING id`,
      [`axe${Date.now()}`, email],
    );
    const draftId = draft.rows[0].id;
    for (const path of ["/admin/breaches", "/admin/breaches/new", `/admin/breaches/${draftId}`]) {
      expect((await page.goto(path))!.status(), path).toBe(404);
    }
    for (const width of [1280, 390]) {
      const team = await adminPage(browser, signIn, { width });
      for (const path of ["/admin/breaches", "/admin/breaches/new", `/admin/breaches/${draftId}`]) {
        await team.page.goto(path);
        const results = await new AxeBuilder({ page: team.page }).withTags(AXE_TAGS).analyze();
        expect(results.violations, `${path} at ${width}px`).toEqual([]);
        await team.page.screenshot({
          path: test.info().outputPath(`admin${path.replaceAll("/", "-")}-${width}.png`),
          fullPage: true,
        });
      }
      await team.close();
    }
    // The portal page with a notice to acknowledge.
    await getTestDb().query(`UPDATE "Breach" SET status = 'SENT', "sentAt" = now() WHERE id = $1`, [draftId]);
    const campaign = await getTestDb().query<{ id: string }>(
      `INSERT INTO "NoticeCampaign" (id, kind, "breachId", audience, status, total, "materializedAt", "updatedAt") VALUES ($1, 'BREACH', $2, 'BREACH', 'COMPLETED', 1, now(), now()) RETURNING id`,
      [`c${draftId}`, draftId],
    );
    await getTestDb().query(
      `INSERT INTO "NoticeDelivery" (id, "campaignId", "userId", email, status, "sentAt") SELECT $1, $2, id, email, 'SENT', now() FROM "User" WHERE email = $3`,
      [`d${draftId}`, campaign.rows[0].id, email],
    );
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/account/notices");
      await expect(page.getByTestId("breach-banner")).toContainText("Axe draft");
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(results.violations, `/account/notices at ${width}px`).toEqual([]);
      await page.screenshot({ path: test.info().outputPath(`account-notices-${width}.png`), fullPage: true });
    }
  });
});
