// Export end to end: start, progress, email, download, unzip, verify the
// manifest's hashes and counts against the database; owner-only; expiry.
import { readExportJson } from "../lib/export/json-format";
import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { expect, queryCount, queryOne, test, uniqueEmail } from "./fixtures";

type Manifest = {
  totals: { rows: number };
  files: { path: string; rows: number | null; bytes: number; sha256: string }[];
};

async function seedUserData(email: string, logs: number) {
  const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const id = user!.id;
  await queryOne(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, "deviceId", path, "userAgent")
     SELECT $1, now() - g * interval '1 minute', '192.0.2.' || (g % 9), 'dev-e2e', CASE WHEN g = 1 THEN '=HYPERLINK("http://evil.example")' ELSE '/docs/' || g END, 'Mozilla/5.0'
       FROM generate_series(1, $2) g`,
    [id, logs],
  );
  const clusterId = `e2e-${id}`;
  await queryOne(`INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ($1, $2, 'e2e cluster', 'x')`, [
    clusterId,
    id,
  ]);
  await queryOne(
    `INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, payload) SELECT $1, $2, now() - g * interval '1 hour', 'usage', jsonb_build_object('apps', g) FROM generate_series(1, 40) g`,
    [id, clusterId],
  );
  return id;
}

test.describe("Download my data", () => {
  test("export end to end: progress, email, owner-only download, manifest hashes and counts", async ({
    page,
    signIn,
    mailbox,
    browser,
  }) => {
    const email = uniqueEmail("export");
    await signIn(page, email);
    const id = await seedUserData(email, 3000);
    await page.goto("/account/data");
    const since = new Date();
    await page.getByRole("button", { name: "Prepare my download" }).click();
    // Visible progress while it runs, then a download link.
    await expect(page.getByTestId("export-status")).toBeVisible();
    await expect(page.getByRole("link", { name: /Download the archive/ })).toBeVisible({ timeout: 30_000 });
    const job = await queryOne<{
      id: string;
      status: string;
      totalRows: number;
      doneRows: number;
      expiresAt: Date;
      fileName: string;
    }>(`SELECT id, status, "totalRows", "doneRows", "expiresAt", "fileName" FROM "ExportJob" WHERE "userId" = $1`, [
      id,
    ]);
    expect(job!.status).toBe("READY");
    expect(job!.doneRows).toBe(job!.totalRows);
    const days = (new Date(job!.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7.01);

    const message = await mailbox.waitFor(email, { subject: /export is ready/i, since });
    expect(message.text).toContain("/account/data");

    const href = await page.getByRole("link", { name: /Download the archive/ }).getAttribute("href");
    expect(href).toBe(`/api/export/${job!.id}/download`);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/zip");
    const zip = await response.body();
    expect(createHash("sha256").update(zip).digest("hex")).toBe(response.headers()["x-archive-sha256"]);
    const files = unzipSync(new Uint8Array(zip));
    const manifest = JSON.parse(strFromU8(files["manifest.json"])) as Manifest;
    for (const file of manifest.files) {
      const content = files[file.path];
      expect(content, file.path).toBeDefined();
      expect(createHash("sha256").update(content).digest("hex"), file.path).toBe(file.sha256);
      expect(content.length, file.path).toBe(file.bytes);
    }
    const logCount = await queryCount(`SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1`, [id]);
    const telemetryCount = await queryCount(`SELECT count(*) FROM "TelemetryReport" WHERE "userId" = $1`, [id]);
    expect(logCount).toBe(3000);
    expect(manifest.files.find((file) => file.path === "server-logs.json")!.rows).toBe(logCount);
    expect(manifest.files.find((file) => file.path === "server-logs.csv")!.rows).toBe(logCount);
    expect(manifest.files.find((file) => file.path === "telemetry-reports.csv")!.rows).toBe(telemetryCount);
    expect(readExportJson(strFromU8(files["server-logs.json"])).length).toBe(logCount);
    expect(strFromU8(files["server-logs.csv"]).trimEnd().split("\n")).toHaveLength(logCount + 1);
    expect(strFromU8(files["server-logs.csv"])).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(strFromU8(files["summary.html"])).toContain("Server-log records");
    expect(manifest.totals.rows).toBe(job!.totalRows);

    // Someone else, signed in, cannot see or download it; nor can anyone signed out.
    const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.250.1" } });
    const otherPage = await other.newPage();
    await signIn(otherPage, uniqueEmail("intruder"));
    expect((await otherPage.request.get(`/api/export/${job!.id}`)).status()).toBe(404);
    expect((await otherPage.request.get(`/api/export/${job!.id}/download`)).status()).toBe(404);
    await other.close();
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(`/api/export/${job!.id}/download`)).status()).toBe(401);
    await anonymous.close();

    // After expiry the link stops working.
    await queryOne(`UPDATE "ExportJob" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [job!.id]);
    expect((await page.request.get(href!)).status()).toBe(410);
  });

  test("an account with almost no data still gets a complete archive", async ({ page, signIn }) => {
    const email = uniqueEmail("empty");
    await signIn(page, email);
    await page.goto("/account/data");
    await page.getByRole("button", { name: "Prepare my download" }).click();
    const link = page.getByRole("link", { name: /Download the archive/ });
    await expect(link).toBeVisible({ timeout: 30_000 });
    const zip = await (await page.request.get((await link.getAttribute("href"))!)).body();
    const files = unzipSync(new Uint8Array(zip));
    const manifest = JSON.parse(strFromU8(files["manifest.json"])) as Manifest;
    expect(manifest.files.find((file) => file.path === "server-logs.json")!.rows).toBe(0);
    expect(readExportJson(strFromU8(files["server-logs.json"]))).toEqual([]);
    const account = readExportJson(strFromU8(files["account.json"])) as { email: string }[];
    expect(account).toEqual([expect.objectContaining({ email })]);
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    expect(
      await queryCount(
        `SELECT count(*) FROM "AuditLog" a JOIN "PersonKey" k ON k.ref = a."actorId" WHERE k."userId" = $1 AND a.action = 'export.requested'`,
        [user!.id],
      ),
    ).toBe(1);
  });

  test("a person can start only a few exports a day", async ({ page, signIn }) => {
    const email = uniqueEmail("cap");
    await signIn(page, email);
    const user = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    await queryOne(
      `INSERT INTO "ExportJob" (id, "userId", status, "deletedAt") SELECT 'capjob' || g || substr(md5($1), 1, 8), $1, 'EXPIRED', now() FROM generate_series(1, 5) g`,
      [user!.id],
    );
    await page.goto("/account/data");
    await page.getByRole("button", { name: "Prepare my download" }).click();
    await expect(page.getByText("You can start up to 5 exports a day.")).toBeVisible();
    expect(await queryCount(`SELECT count(*) FROM "ExportJob" WHERE "userId" = $1`, [user!.id])).toBe(5);
  });
});
