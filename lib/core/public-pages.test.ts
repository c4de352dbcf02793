import { createHash } from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COOKIE_BOOT_SCRIPT, COOKIE_BOOT_SCRIPT_HASH } from "./boot-script";
import { buildCsp, INLINE_HASHES_PLACEHOLDER, isPrivatePath, isPublicPagePath } from "./csp";
import { PUBLIC_PAGE_HEADER } from "./public-page-header";
import {
  forgetFrontCache,
  inlineScriptHashes,
  isFrameworkScript,
  serveFromFrontCache,
  withPublicPageHeaders,
} from "./public-pages";

const ONE = "(self.__next_f=self.__next_f||[]).push([0])";
const TWO = 'self.__next_f.push([1,"x"])';
const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("public pages", () => {
  it("the boot script's hash in the CSP is its real hash", () => {
    expect(COOKIE_BOOT_SCRIPT_HASH).toBe(sha(COOKIE_BOOT_SCRIPT));
    expect(buildCsp({ nonce: "abc", isDev: false, isHttps: false, scriptOrigins: [] })).toContain(
      COOKIE_BOOT_SCRIPT_HASH,
    );
  });

  it("knows which paths are public and which private", () => {
    for (const path of [
      "/",
      "/policies",
      "/policies/privacy",
      "/policies/privacy/archive",
      "/policies/privacy/v/3",
      "/policies/privacy/v/3/changes",
      "/privacy/metrics",
      "/privacy/sharing",
      "/privacy/statistics",
      "/parents",
    ])
      expect(isPublicPagePath(path), path).toBe(true);
    for (const path of ["/account", "/signin", "/parents/status", "/policies/x/v/abc", "/api/visitor", "/admin"])
      expect(isPublicPagePath(path), path).toBe(false);
    expect(isPrivatePath("/api/visitor")).toBe(true);
    // A person's request status (private link), its confirmation pages and the agents' API: never cached.
    for (const path of [
      "/requests/status",
      "/requests/confirm",
      "/requests/verify",
      "/api/requests/download",
      "/drp/v1/data-rights-request/x",
      "/v1/agent/a",
    ])
      expect(isPrivatePath(path)).toBe(true);
    expect(isPrivatePath("/requests/new")).toBe(false);
  });

  it("hashes the framework's inline scripts only, never one that found its way into the content", () => {
    const push = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])';
    const push2 = 'self.__next_f.push([1,"2:\\"$Sreact.suspense\\"\\n"])';
    const init = "(self.__next_f=self.__next_f||[]).push([0])";
    const chunks = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["a.js"]})';
    const html = `<script src="/a.js"></script><script>${init}</script><script id="_R_">${chunks}</script><script>${push}</script><script nonce="x">${push}</script><script nonce="stale">${push2}</script><script nonce="x">alert(2)</script><script>alert(1)</script>`;
    // A stale nonce baked into a regenerated static page does not exempt a framework script from its hash.
    expect(inlineScriptHashes(html)).toEqual([sha(init), sha(chunks), sha(push), sha(push2)]);
    for (const injected of [
      'self.__next_f.push([1,""]);alert(1)//"])',
      "self.__next_f.push([1,alert(1)])",
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({a:alert(1)})',
      "alert(document.cookie)",
    ])
      expect(isFrameworkScript(injected), injected).toBe(false);
    // React's form-replay runtime, a constant of react-dom/server.
    expect(
      isFrameworkScript(
        `addEventListener("submit",function(a){if(!a.defaultPrevented){var b=a.target,d=a.submitter,c=b.action,e=d;if(d){var f=d.getAttribute("formAction");null!=f&&(c=f,e=null)}"javascript:throw new Error('React form unexpectedly submitted.')"===c&&(a.preventDefault(),a=new FormData(b,e),c=b.ownerDocument||b,(c.$$reactFormReplay=c.$$reactFormReplay||[]).push(b,d,a))}});`,
      ),
    ).toBe(true);
  });

  describe("the web server's wrapper", () => {
    let server: http.Server;
    let base = "";
    let renders = 0;
    const template = buildCsp({ nonce: null, isDev: false, isHttps: false, scriptOrigins: [] });
    beforeAll(async () => {
      server = http.createServer((request, response) => {
        if (serveFromFrontCache(request, response)) return;
        renders++;
        withPublicPageHeaders(request, response);
        if (request.url !== "/private") response.setHeader(PUBLIC_PAGE_HEADER, "1");
        response.setHeader("Content-Security-Policy", template);
        response.setHeader("Cache-Control", "s-maxage=2, stale-while-revalidate=31535998");
        response.setHeader("Content-Type", "text/html; charset=utf-8");
        if (request.url === "/cookie") response.setHeader("Set-Cookie", "a=b");
        if (request.url === "/unchanged") {
          response.statusCode = 304;
          response.end();
          return;
        }
        const html = `<html><script>${ONE}</script><body><script>${TWO}</script><script>evil()</script></body></html>`;
        if (request.url === "/gzip") {
          response.setHeader("Content-Encoding", "gzip");
          response.end(zlib.gzipSync(html));
          return;
        }
        response.write(html.slice(0, 20));
        response.end(html.slice(20));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => server.close());

    it("fills in the hashes and makes the page public", async () => {
      for (const path of ["/page", "/gzip"]) {
        const response = await fetch(`${base}${path}`);
        const csp = response.headers.get("content-security-policy")!;
        expect(csp).not.toContain(INLINE_HASHES_PLACEHOLDER);
        expect(csp).toContain(sha(ONE));
        expect(csp).toContain(sha(TWO));
        expect(csp).not.toContain(sha("evil()"));
        expect(csp).toContain("frame-ancestors 'none'");
        expect(response.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+, stale-while-revalidate=\d+/);
        expect(response.headers.get(PUBLIC_PAGE_HEADER)).toBeNull();
        expect(await response.text()).toContain(TWO);
      }
    });

    it("answers a public page again from the front cache, for the same host and encoding only", async () => {
      forgetFrontCache();
      const first = await fetch(`${base}/parents`);
      const before = renders;
      const second = await fetch(`${base}/parents`, { headers: { "x-request-id": "front-cache-test-1" } });
      expect(renders).toBe(before);
      expect(await second.text()).toBe(await first.text());
      expect(second.headers.get("content-security-policy")).toBe(first.headers.get("content-security-policy"));
      expect(second.headers.get("cache-control")).toMatch(/^public/);
      expect(second.headers.get("x-request-id")).toBe("front-cache-test-1");
      const etag = first.headers.get("etag");
      if (etag) expect((await fetch(`${base}/parents`, { headers: { "if-none-match": etag } })).status).toBe(304);
      await fetch(`${base}/parents`, { headers: { rsc: "1" } });
      await fetch(`${base}/parents?x=1`);
      expect(renders).toBe(before + 2);
    });

    it("a 304 keeps the policy the browser stored with the page, and stays public", async () => {
      const response = await fetch(`${base}/unchanged`);
      expect(response.status).toBe(304);
      expect(response.headers.get("content-security-policy")).toBeNull();
      expect(response.headers.get("cache-control")).toMatch(/^public/);
    });

    it("never makes a response with a cookie public, and leaves unmarked responses alone", async () => {
      const withCookie = await fetch(`${base}/cookie`);
      expect(withCookie.headers.get("cache-control")).toBe("private, no-store");
      const other = await fetch(`${base}/private`);
      expect(other.headers.get("cache-control")).toMatch(/^s-maxage/);
    });
  });
});
