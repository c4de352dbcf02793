// "Delete my account", end to end, on the seeded alice (this spec runs after every
// other one: see playwright.config.ts). Afterwards a scan of every text, varchar and
// json column of every table, and of every archive in the export storage, finds
// none of her identifiers; bob is untouched; signing in again starts afresh.
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { findTraces } from "../tests/support/db-scan";
import { expect, getTestDb, Mailbox, queryCount, queryOne, requestSignInLink, test } from "./fixtures";

const ALICE = "alice@example.com";

async function countsOf(userId: string) {
  const tables = [
    "ServerLogRecord",
    "TelemetryReport",
    "EmailEvent",
    "ConsentEvent",
    "Cluster",
    "CrashReport",
    "Inference",
    "ThirdPartyRecord",
    "ExportJob",
    "EmailSubscription",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = await queryCount(`SELECT count(*) FROM "${table}" WHERE "userId" = $1`, [userId]);
  return counts;
}

function exportStorageTraces(needles: string[]): string[] {
  const dir = fs.readFileSync(".data/e2e-export-dir", "utf8").trim();
  const found: string[] = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const bytes = fs.readFileSync(path.join(dir, name));
    const texts: string[] = [bytes.toString("utf8")];
    if (name.endsWith(".zip"))
      for (const entry of Object.values(unzipSync(new Uint8Array(bytes))))
        texts.push(Buffer.from(entry).toString("utf8"));
    for (const needle of needles)
      if (texts.some((text) => text.toLowerCase().includes(needle.toLowerCase()))) found.push(`${name}: ${needle}`);
  }
  return found;
}

test("alice deletes her account: fresh sign-in, typed confirmation, receipt, and no trace left", async ({
  page,
  signIn,
  mailbox,
}) => {
  test.setTimeout(180_000);
  const alice = (await queryOne<{ id: string; name: string }>(`SELECT id, name FROM "User" WHERE email = $1`, [
    ALICE,
  ]))!;
  const bob = (await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = 'bob@example.com'`))!;
  const bobBefore = await countsOf(bob.id);
  const aliceBefore = await countsOf(alice.id);
  const installIds = (
    await getTestDb().query<{ id: string }>(`SELECT id FROM "Cluster" WHERE "userId" = $1`, [alice.id])
  ).rows.map((row) => row.id);
  const ips = (
    await getTestDb().query<{ ip: string }>(
      `SELECT DISTINCT ip FROM (SELECT ip FROM "ServerLogRecord" WHERE "userId" = $1 UNION SELECT ip FROM "TelemetryReport" WHERE "userId" = $1 UNION SELECT ip FROM "CrashReport" WHERE "userId" = $1) s
        WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM "ServerLogRecord" WHERE "userId" <> $1 UNION SELECT ip FROM "TelemetryReport" WHERE "userId" <> $1 AND ip IS NOT NULL UNION SELECT ip FROM "CrashReport" WHERE "userId" <> $1 AND ip IS NOT NULL)`,
      [alice.id],
    )
  ).rows.map((row) => row.ip);
  const needles = [ALICE, alice.name, alice.id, ...installIds, ...ips];
  expect(installIds.length).toBeGreaterThan(0);
  expect(ips.length).toBeGreaterThan(0);

  // A download archive of her data exists in the export storage.
  await signIn(page, ALICE);
  await page.goto("/account/data");
  await page.getByRole("button", { name: "Prepare my download" }).click();
  await expect(page.getByTestId("export-status")).toHaveAttribute("data-status", "READY", { timeout: 60_000 });
  expect(exportStorageTraces([ALICE])).not.toEqual([]);

  // A session older than 10 minutes is not enough: a fresh emailed link is needed.
  await getTestDb().query(`UPDATE "Session" SET "createdAt" = now() - interval '20 minutes' WHERE "userId" = $1`, [
    alice.id,
  ]);
  await page.goto("/account/delete");
  await expect(page.getByRole("heading", { name: "Delete your account" })).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Records we delete, by category" }).getByText("Server-log records"),
  ).toBeVisible();
  await expect(page.getByLabel(/to confirm/)).toHaveCount(0);
  const since = new Date();
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText(/We sent a sign-in link to alice@example.com/)).toBeVisible();
  const message = await mailbox.waitFor(ALICE, { subject: /sign in/i, since });
  await page.goto(Mailbox.link(message, "/signin/confirm"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/delete$/);

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The wrong address is refused and nothing starts.
  await page.getByLabel(/to confirm/).fill("bob@example.com");
  await page.getByRole("button", { name: "Delete my account and all my data" }).click();
  await expect(page.getByText("Type your account's email address exactly as shown to confirm.")).toBeVisible();
  expect(await queryCount(`SELECT count(*) FROM "Erasure" WHERE "userId" = $1`, [alice.id])).toBe(0);
  const aliceRef = (await queryOne<{ ref: string }>(`SELECT ref FROM "PersonKey" WHERE "userId" = $1`, [alice.id]))!
    .ref;

  await page.getByLabel(/to confirm/).fill("Alice@Example.com");
  await page.getByRole("button", { name: "Delete my account and all my data" }).click();
  await expect(page).toHaveURL(/\/account-deleted\?receipt=/);
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("row", { name: /Server-log records/ })).toContainText(
    aliceBefore.ServerLogRecord.toLocaleString("en"),
  );
  await expect(page.getByText("What we keep, and why")).toBeVisible();

  // Signed out everywhere.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);

  // The receipt, to the deleted address.
  const receipt = await mailbox.waitFor(ALICE, { subject: /account and data have been deleted/i, since });
  expect(receipt.text).toContain(aliceBefore.ServerLogRecord.toLocaleString("en"));
  expect(receipt.text).toMatch(/what we keep, and why/i);

  // No trace of her anywhere: every table (the mail catcher stands for inboxes) and the export storage.
  await expect
    .poll(
      async () =>
        (await queryOne<{ status: string }>(`SELECT status FROM "Erasure" WHERE "subjectRef" = $1`, [aliceRef]))
          ?.status,
    )
    .toBe("COMPLETED");
  expect(await findTraces(getTestDb(), needles, { skipTables: ["CaughtMail"] })).toEqual([]);
  expect(exportStorageTraces([ALICE, alice.id])).toEqual([]);
  expect(await countsOf(bob.id)).toEqual(bobBefore);

  // Signing in again creates a new, empty account.
  const link = await requestSignInLink(page, mailbox, ALICE);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Month").selectOption("6");
  await page.getByLabel("Year").selectOption("1990");
  await page.getByRole("button", { name: /create account/i }).click();
  await expect(page).toHaveURL(/\/account/);
  const fresh = (await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ALICE]))!;
  expect(fresh.id).not.toBe(alice.id);
  expect(await countsOf(fresh.id)).toMatchObject({ ServerLogRecord: 0, TelemetryReport: 0, Cluster: 0, ExportJob: 0 });
});
