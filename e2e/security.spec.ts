// Browser security headers, the canonical host, and client addresses that a
// client cannot choose (TRUST_PROXY_HOPS), each with a test that fails without it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { TS_NODE_ARGS } from "../scripts/lib/node-args";
import { createUser, expect, getTestDb, test, uniqueEmail } from "./fixtures";

test.describe("browser security headers", () => {
  test("pages carry a nonce-based CSP without unsafe-inline scripts, no framing, COOP; private pages are not cached", async ({
    page,
    request,
    signIn,
  }) => {
    const first = await request.get("/signin");
    const second = await request.get("/signin");
    const csp = first.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(second.headers()["content-security-policy"]).not.toBe(csp); // a new nonce per request
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await first.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(first.headers()["x-frame-options"]).toBe("DENY");
    expect(first.headers()["cross-origin-opener-policy"]).toBe("same-origin");
    expect(first.headers()["strict-transport-security"]).toBeUndefined(); // plain http here
    expect(first.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

    const email = uniqueEmail("headers");
    await createUser(email);
    await signIn(page, email);
    for (const path of ["/account", "/account/data", "/account/requests"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toContain("no-store");
      expect(response.headers()["content-security-policy"], path).toContain("'nonce-");
    }
    const admin = await page.request.get("/admin", { maxRedirects: 0 });
    expect(admin.headers()["cache-control"]).toContain("no-store");
    // The page hydrates under the policy (the fixture fails the test on any CSP violation).
    await page.goto("/account/preferences/email");
    await page.getByLabel("Product news").check();
    await page.getByRole("button", { name: "Save email preferences" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Saved|Nothing changed/ })).toBeVisible();
  });

  test("another host name for the site (127.0.0.1 for localhost) is sent to APP_URL's before any form", async ({
    request,
    baseURL,
  }) => {
    const port = new URL(baseURL!).port;
    const navigation = { "sec-fetch-mode": "navigate" };
    const response = await request.get(`http://127.0.0.1:${port}/signin?callbackUrl=%2Faccount`, {
      maxRedirects: 0,
      headers: navigation,
    });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toBe(`http://localhost:${port}/signin?callbackUrl=%2Faccount`);
    // Next.js's own fetch of the page after a server action's redirect is not a navigation: it is answered in place.
    const internal = await request.get(`http://127.0.0.1:${port}/signin`, {
      maxRedirects: 0,
      headers: { "sec-fetch-mode": "cors" },
    });
    expect(internal.status()).toBe(200);
  });

  test("route handlers redirect to APP_URL's address, whatever Host the request names", async ({
    request,
    baseURL,
  }) => {
    // Next.js builds a route handler's request URL from its listening address (0.0.0.0:PORT), not from Host.
    const token = "made-up-token";
    const redirects = [
      { path: `/api/unsubscribe?token=${token}`, location: `${baseURL}/unsubscribe?token=${token}` },
      {
        path: `/api/auth/callback/nodemailer?token=${token}&email=a%40example.test`,
        location: `${baseURL}/signin/confirm?token=${token}&email=a%40example.test`,
      },
    ];
    for (const { path, location } of redirects) {
      for (const host of [undefined, "evil.example", "0.0.0.0"]) {
        const response = await request.get(path, { maxRedirects: 0, headers: host ? { host } : {} });
        expect(response.status(), `${path} (Host ${host})`).toBe(303);
        expect(response.headers()["location"], `${path} (Host ${host})`).toBe(location);
      }
    }
  });
});

/** A second web server on the test database, with its own TRUST_PROXY_HOPS. */
async function startServer(hops: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = 3300 + Math.floor(Math.random() * 500);
  const child: ChildProcess = spawn(process.execPath, [...TS_NODE_ARGS, path.resolve("scripts/server.ts")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      AUTH_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: fs.readFileSync(".data/e2e-database-url", "utf8").trim(),
      AUTH_SECRET: fs.readFileSync(".data/auth-secret", "utf8").trim(),
      // Nothing listens there: whether or not the link is sent, the limit is consumed first.
      SMTP_URL: "smtp://127.0.0.1:9?tls=off",
      TRUST_PROXY_HOPS: String(hops),
      RATE_LIMIT_IP_MAX: "3",
      PORTAL_RUN_MODE: "test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A proxy that appends the address it sees to X-Forwarded-For, as nginx's proxy_add_x_forwarded_for does. */
async function startAppendingProxy(target: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((incoming, outgoing) => {
    const forwarded = [incoming.headers["x-forwarded-for"], incoming.socket.remoteAddress?.replace(/^::ffff:/, "")]
      .filter(Boolean)
      .join(", ");
    const proxied = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: { ...incoming.headers, "x-forwarded-for": forwarded },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Asks for sign-in links for new addresses, each request claiming a different client address. */
async function askForLinks(page: import("@playwright/test").Page, base: string, count: number): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${10 + i}` });
    await page.goto(`${base}/signin`);
    await page.getByLabel("Email").fill(uniqueEmail(`forged${i}`));
    await page.getByRole("button", { name: /email me a sign-in link/i }).click();
    const limited = page.getByRole("alert").filter({ hasText: "Too many sign-in attempts from your network" });
    const allowed = page
      .getByRole("heading", { name: "Check your email" })
      .or(page.getByRole("alert").filter({ hasText: "could not send" }));
    await expect(limited.or(allowed)).toBeVisible();
    outcomes.push((await limited.count()) > 0 ? "limited" : "allowed");
  }
  return outcomes;
}

test.describe("client addresses that cannot be forged", () => {
  test.describe.configure({ mode: "serial" });

  test("direct (TRUST_PROXY_HOPS=0): a forged X-Forwarded-For does not escape the per-IP sign-in limit", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    await getTestDb().query(`DELETE FROM rate_limits WHERE key LIKE 'signin-ip:%'`);
    const server = await startServer(0);
    const context = await browser.newContext();
    try {
      const outcomes = await askForLinks(await context.newPage(), server.url, 5);
      // Three attempts are allowed from one address (RATE_LIMIT_IP_MAX=3), however the header varies.
      expect(outcomes).toEqual(["allowed", "allowed", "allowed", "limited", "limited"]);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  test("behind an appending proxy (TRUST_PROXY_HOPS=1): the proxy's entry counts, not the client's", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    await getTestDb().query(`DELETE FROM rate_limits WHERE key LIKE 'signin-ip:%'`);
    const server = await startServer(1);
    const proxy = await startAppendingProxy(server.url);
    const context = await browser.newContext();
    try {
      const outcomes = await askForLinks(await context.newPage(), proxy.url, 5);
      expect(outcomes).toEqual(["allowed", "allowed", "allowed", "limited", "limited"]);
    } finally {
      await context.close();
      await proxy.stop();
      await server.stop();
    }
  });
});
