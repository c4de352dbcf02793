import { createHash } from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COOKIE_BOOT_SCRIPT, COOKIE_BOOT_SCRIPT_HASH } from "./boot-script";
import { buildCsp, INLINE_HASHES_PLACEHOLDER, isPrivatePath, isPublicPagePath } from "./csp";
import { PUBLIC_PAGE_HEADER } from "./public-page-header";
import { inlineScriptHashes, withPublicPageHeaders } from "./public-pages";

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
  });

  it("hashes inline scripts only", () => {
    const html = `<script src="/a.js"></script><script>self.__next_f.push([1,"x"])</script><script async="">b()</script>`;
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1,"x"])'), sha("b()")]);
  });

  describe("the web server's wrapper", () => {
    let server: http.Server;
    let base = "";
    const template = buildCsp({ nonce: null, isDev: false, isHttps: false, scriptOrigins: [] });
    beforeAll(async () => {
      server = http.createServer((request, response) => {
        withPublicPageHeaders(response);
        if (request.url !== "/private") response.setHeader(PUBLIC_PAGE_HEADER, "1");
        response.setHeader("Content-Security-Policy", template);
        response.setHeader("Cache-Control", "s-maxage=2, stale-while-revalidate=31535998");
        response.setHeader("Content-Type", "text/html; charset=utf-8");
        if (request.url === "/cookie") response.setHeader("Set-Cookie", "a=b");
        const html = "<html><script>one()</script><body><script>two()</script></body></html>";
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
        expect(csp).toContain(sha("one()"));
        expect(csp).toContain(sha("two()"));
        expect(csp).toContain("frame-ancestors 'none'");
        expect(response.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+, stale-while-revalidate=\d+/);
        expect(response.headers.get(PUBLIC_PAGE_HEADER)).toBeNull();
        expect(await response.text()).toContain("two()");
      }
    });

    it("never makes a response with a cookie public, and leaves unmarked responses alone", async () => {
      const withCookie = await fetch(`${base}/cookie`);
      expect(withCookie.headers.get("cache-control")).toBe("private, no-store");
      const other = await fetch(`${base}/private`);
      expect(other.headers.get("cache-control")).toMatch(/^s-maxage/);
    });
  });
});
