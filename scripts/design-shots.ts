// Screenshots for a design look-through (issue 21): every page the design pass changed, full
// page at 1280 and 390 px, as a visitor, alice, bob and the admin, with the cookie banner
// answered; then a table of each page's height on a phone (documentElement.scrollHeight).
//
//   npm run build && npm run demo            (the production build on the seeded demo database)
//   npm run tsx -- scripts/design-shots.ts --base http://localhost:3000 --out /tmp/shots
//
// People sign in the way people do: the emailed link, read from the demo's mail catcher
// (/api/dev/mail). The admin's second factor is an authenticator app: on the first run the
// script enrols one and keeps its key in <out>/admin-totp-key (the demo seeds no second
// factor); later runs answer the check with it. An admin enrolled some other way needs
// `npm run admin:reset-2fa -- admin@example.com` first, or ADMIN_TOTP_KEY set to the app's key.
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generate } from "otplib";

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: "http://localhost:3000" },
    out: { type: "string", default: ".data/design-shots" },
    only: { type: "string" },
  },
});
const base = args.base!.replace(/\/$/, "");
const out = path.resolve(args.out!);
const WIDTHS = [
  { name: "1280", viewport: { width: 1280, height: 800 } },
  { name: "390", viewport: { width: 390, height: 844 } },
] as const;

type Role = "visitor" | "alice" | "bob" | "admin";
const EMAILS: Record<Exclude<Role, "visitor">, string> = {
  alice: "alice@example.com",
  bob: "bob@example.com",
  admin: "admin@example.com",
};

/** A page to shoot: a fixed path, or one found in the signed-in page (a request, the draft). */
type Shot = { role: Role; name: string; path: string | ((page: Page) => Promise<string>) };

const SHOTS: Shot[] = [
  { role: "visitor", name: "policies-privacy", path: "/policies/privacy" },
  { role: "visitor", name: "policies-privacy-v1", path: "/policies/privacy/v/1" },
  { role: "visitor", name: "policies-privacy-v2-diff", path: "/policies/privacy/v/2/changes" },
  { role: "visitor", name: "policies-privacy-v2-only-changes", path: "/policies/privacy/v/2/changes/only" },
  { role: "visitor", name: "privacy-statistics", path: "/privacy/statistics" },
  { role: "visitor", name: "privacy-sharing", path: "/privacy/sharing" },
  { role: "visitor", name: "parents", path: "/parents" },
  { role: "alice", name: "account-overview", path: "/account" },
  { role: "alice", name: "account-data", path: "/account/data" },
  { role: "alice", name: "account-data-server-logs", path: "/account/data/server-logs" },
  { role: "alice", name: "account-data-requests", path: "/account/data/requests" },
  { role: "alice", name: "account-requests", path: "/account/requests" },
  { role: "alice", name: "account-request", path: firstRequest },
  { role: "alice", name: "account-preferences-email", path: "/account/preferences/email" },
  { role: "alice", name: "account-preferences-telemetry", path: "/account/preferences/telemetry" },
  { role: "bob", name: "bob-account-delete", path: "/account/delete" },
  { role: "admin", name: "admin", path: "/admin" },
  { role: "admin", name: "admin-audit", path: "/admin/audit" },
  { role: "admin", name: "admin-retention", path: "/admin/retention" },
  { role: "admin", name: "admin-security", path: "/admin/security" },
  { role: "admin", name: "admin-parents", path: "/admin/parents" },
  { role: "admin", name: "admin-policy-draft", path: policyDraft },
  { role: "admin", name: "admin-breaches-new", path: "/admin/breaches/new" },
];

async function firstRequest(page: Page): Promise<string> {
  await page.goto(`${base}/account/requests`);
  const link = page.getByRole("table", { name: "Your privacy requests" }).locator("tbody tr a").first();
  return new URL((await link.getAttribute("href"))!, base).pathname;
}

/** The privacy policy's draft in the editor (started when there is none). */
async function policyDraft(page: Page): Promise<string> {
  await page.goto(`${base}/admin/policies/privacy`);
  const start = page.getByRole("button", { name: "Start a new draft" });
  if (await start.isVisible()) await start.click();
  else await page.getByRole("link", { name: "Continue editing" }).click();
  await page.getByRole("heading", { name: "Edit draft" }).waitFor();
  return new URL(page.url()).pathname;
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await fn();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The emailed sign-in link, from the mail catcher. */
async function signIn(page: Page, email: string) {
  const since = Date.now() - 1000;
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: /email me a sign-in link/i }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const link = await poll(`the sign-in email to ${email}`, async () => {
    const response = await page.request.get(`${base}/api/dev/mail?to=${encodeURIComponent(email)}`);
    if (!response.ok()) throw new Error(`${base}/api/dev/mail answered ${response.status()}: is this the demo?`);
    const messages = (await response.json()) as { subject: string; date: string; text: string }[];
    const message = messages.find((m) => /sign in/i.test(m.subject) && new Date(m.date).getTime() >= since);
    return message?.text.match(/https?:\/\/\S*\/signin\/confirm\S*/)?.[0];
  });
  await page.goto(link);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL(/\/account/);
}

/** Passes the admin area's second factor (enrols an authenticator app the first time). */
async function passSecondFactor(page: Page) {
  const keyFile = path.join(out, "admin-totp-key");
  await page.goto(`${base}/admin`);
  if (!/\/admin-verify/.test(page.url())) return;
  if (await page.getByRole("heading", { name: "Protect the admin area" }).isVisible()) {
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const key = (await page.getByTestId("totp-secret").textContent())!.trim();
    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    await page.getByLabel("Code from the app").fill(await generate({ secret: key }));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("button", { name: "I have saved them: continue" }).click();
  } else {
    const key = process.env.ADMIN_TOTP_KEY ?? (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, "utf8").trim() : "");
    if (!key)
      throw new Error(
        `The admin has a second factor this script does not know: set ADMIN_TOTP_KEY, or reset it (npm run admin:reset-2fa -- ${EMAILS.admin}).`,
      );
    // A code is accepted once: use the next period's when this one may have been used.
    const epoch = Math.floor(Date.now() / 1000);
    for (const offset of [0, 30, 60]) {
      await page
        .getByLabel("Code from your authenticator app")
        .fill(await generate({ secret: key, epoch: epoch + offset }));
      await page.getByRole("button", { name: "Verify" }).click();
      const passed = await page
        .waitForURL(/\/admin$/, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (passed) break;
      if (offset === 60) throw new Error("the admin's second factor was refused");
      await new Promise((resolve) => setTimeout(resolve, 30_000));
    }
  }
  await page.waitForURL(/\/admin$/);
}

/** Answers the cookie banner (necessary only), so it does not cover the pages. */
async function answerCookieBanner(page: Page) {
  await page.goto(`${base}/`);
  const necessary = page.getByRole("button", { name: "Necessary only" });
  if (await necessary.isVisible().catch(() => false)) {
    await necessary.click();
    await necessary.waitFor({ state: "hidden" });
  }
}

async function contextFor(browser: Browser, role: Role): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: WIDTHS[0].viewport });
  const page = await context.newPage();
  await answerCookieBanner(page);
  if (role !== "visitor") await signIn(page, EMAILS[role]);
  if (role === "admin") await passSecondFactor(page);
  await page.close();
  return context;
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const executablePath =
    process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const heights: { name: string; path: string; height: number }[] = [];
  const failures: string[] = [];
  try {
    const shots = SHOTS.filter((shot) => !args.only || shot.name.includes(args.only));
    for (const role of ["visitor", "alice", "bob", "admin"] as const) {
      const mine = shots.filter((shot) => shot.role === role);
      if (!mine.length) continue;
      const context = await contextFor(browser, role);
      const page = await context.newPage();
      for (const shot of mine) {
        try {
          const target = typeof shot.path === "string" ? shot.path : await shot.path(page);
          for (const { name, viewport } of WIDTHS) {
            await page.setViewportSize(viewport);
            await page.goto(`${base}${target}`, { timeout: 60_000 });
            // Streamed parts (counts) and images settle; a page that keeps polling is shot anyway.
            await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
            const file = path.join(out, `${shot.name}-${name}.png`);
            await page.screenshot({ path: file, fullPage: true });
            if (name === "390") {
              const height = await page.evaluate(() => document.documentElement.scrollHeight);
              heights.push({ name: shot.name, path: target, height });
            }
          }
          console.error(`shot ${shot.name}`);
        } catch (error) {
          failures.push(`${shot.name}: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`Screenshots in ${out}\n`);
  console.log("| page | path | height at 390 px |");
  console.log("|---|---|---:|");
  for (const row of heights) console.log(`| ${row.name} | \`${row.path}\` | ${row.height.toLocaleString("en-US")} |`);
  if (failures.length) {
    console.log(`\nNot shot:\n${failures.map((line) => `- ${line}`).join("\n")}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
