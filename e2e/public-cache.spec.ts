// Public pages are the same for every visitor, so they are rendered once and served from cache:
// Cache-Control public, no Set-Cookie, no visitor data in the HTML, a CSP without a nonce whose
// hashes cover every inline script; what depends on the visitor comes from a private endpoint.
import { createHash, randomBytes } from "node:crypto";
import { publishSavedDraft, saveDraft, startOfDay } from "./fixtures/policy-editor";
import { createUser, expect, getTestDb, queryOne, test, uniqueEmail } from "./fixtures";

const PUBLIC_PAGES = [
  "/",
  "/policies",
  "/policies/privacy",
  "/policies/privacy/archive",
  "/policies/privacy/v/1",
  "/policies/privacy/v/2/changes",
  "/privacy/metrics",
  "/privacy/sharing",
  "/privacy/statistics",
  "/parents",
];
const PRIVATE_PAGES = ["/account", "/account/data", "/admin", "/api/visitor"];

function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1]!)) continue;
    hashes.push(`'sha256-${createHash("sha256").update(match[2]!, "utf8").digest("base64")}'`);
  }
  return hashes;
}

test("public pages are cacheable, carry no cookie and no visitor data, and need no nonce", async ({ page, signIn }) => {
  const email = uniqueEmail("cache");
  const name = `Cachey ${randomBytes(3).toString("hex")}`;
  await createUser(email, { name });
  await signIn(page, email);
  for (const path of PUBLIC_PAGES) {
    // With the visitor's session cookie, as a browser would send it.
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers["cache-control"], path).toMatch(/^public,.*s-maxage=\d+/);
    expect(headers["cache-control"], path).toMatch(/stale-while-revalidate=\d+/);
    expect(headers["set-cookie"], path).toBeUndefined();
    const html = await response.text();
    expect(html, path).not.toContain(email);
    expect(html, path).not.toContain(name);
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toContain("nonce-");
    expect(csp, path).not.toContain("unsafe-inline' ; script");
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    const hashes = inlineScriptHashes(html);
    expect(hashes.length, path).toBeGreaterThan(0);
    for (const hash of hashes) expect(scriptSrc, `${path}: inline script ${hash}`).toContain(hash);
  }
  // The signed-in header still shows who is signed in, from the private endpoint.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") violations.push(m.text());
  });
  // Twice: the second answer is a 304 that must keep the hashes the browser stored with the page.
  await page.goto("/parents");
  await page.goto("/parents");
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(name)).toBeVisible();
  await page.goto("/policies/privacy");
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(name)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" })).toBeVisible();
  const reported = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        document.addEventListener("securitypolicyviolation", () => count++);
        setTimeout(() => resolve(count), 500);
      }),
  );
  expect(reported).toBe(0);
  expect(violations.filter((v) => /Content Security Policy|Refused/.test(v))).toEqual([]);
});

test("private pages and the visitor endpoint stay no-store with a nonce", async ({ page, signIn }) => {
  const email = uniqueEmail("private");
  await createUser(email);
  await signIn(page, email);
  for (const path of PRIVATE_PAGES) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.headers()["cache-control"], path).toMatch(/no-store/);
  }
  const account = await page.request.get("/account");
  expect(account.headers()["content-security-policy"]).toMatch(/'nonce-[^']+'/);
  const visitor = await page.request.get("/api/visitor");
  expect(await visitor.json()).toMatchObject({ viewer: { email } });
});

test("a newly published policy version is visible on the public page within 5 seconds", async ({
  page,
  signIn,
  browser,
}) => {
  // A document with a version in force (made directly), whose public page is then cached...
  const id = randomBytes(3).toString("hex");
  const slug = `e2e-cache-${id}`;
  const doc = await queryOne<{ id: string }>(
    `INSERT INTO "PolicyDocument" (id, slug, title) VALUES ($1, $2, $3) RETURNING id`,
    [`doc_${id}`, slug, `Cache Terms ${id}`],
  );
  await getTestDb().query(
    `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
     VALUES ($1, $2, 1, 'PUBLISHED', 'First words.', 'First', false, now() - interval '10 days', now() - interval '10 days', now())`,
    [`pv1_${id}`, doc!.id],
  );
  const visitor = await browser.newContext();
  const read = async () => {
    const response = await visitor.request.get(`/policies/${slug}`);
    return response.status() === 200 ? await response.text() : "";
  };
  await expect.poll(read).toContain("First words.");
  expect((await visitor.request.get(`/policies/${slug}`)).headers()["cache-control"]).toMatch(/^public/);
  // ...shows a version the admin publishes (as the admin flow does) within 5 s.
  const summary = `Clearer wording ${id}`;
  await signIn(page, "admin@example.com");
  await saveDraft(page, slug, {
    markdown: "# Terms\n\nSecond words.",
    summary,
    substantive: false,
    effective: startOfDay(3),
  });
  await publishSavedDraft(page);
  await expect(page.getByText("Version 2 is published")).toBeVisible();
  await expect.poll(read, { timeout: 5_000, intervals: [250] }).toContain(summary);
  await visitor.close();
});
