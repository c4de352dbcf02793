// What proxy.ts refuses before Next.js routes it (Next.js would answer 500).
import { describe, expect, it } from "vitest";
import {
  ACTION_BODY_LIMIT_BYTES,
  actionBodyLimit,
  isMalformedPath,
  isOversizedAction,
  malformedPathResponse,
  oversizedActionResponse,
} from "./request-guards";

describe("request guards", () => {
  it("finds paths whose %-encoding cannot be decoded", () => {
    for (const path of [
      "/policies/%",
      "/account/requests/%zz",
      "/api/email/open/%E0%A4%A",
      "/api/export/%C0%80",
      "/x/%ED%A0%80",
    ])
      expect(isMalformedPath(path), path).toBe(true);
    for (const path of ["/", "/policies/privacy", "/api/export/%00", "/x/%25", "/x/%E2%80%8B"])
      expect(isMalformedPath(path), path).toBe(false);
  });

  it("finds server actions whose declared body is over the limit", () => {
    const action = (length: number) => new Headers({ "next-action": "7f00", "content-length": String(length) });
    expect(isOversizedAction("POST", action(ACTION_BODY_LIMIT_BYTES + 1))).toBe(true);
    expect(isOversizedAction("POST", action(ACTION_BODY_LIMIT_BYTES))).toBe(false);
    expect(isOversizedAction("POST", new Headers({ "content-length": String(ACTION_BODY_LIMIT_BYTES * 2) }))).toBe(
      false,
    ); // not an action
    expect(isOversizedAction("GET", action(ACTION_BODY_LIMIT_BYTES * 2))).toBe(false);
  });

  it("answers 400 and 413 with words: JSON under /api/, a small page elsewhere", async () => {
    const api = malformedPathResponse("/api/export/%");
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: "validation", reason: "bad_path" });
    const page = malformedPathResponse("/policies/%");
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("This address is not valid");
    const tooLarge = oversizedActionResponse("/signin");
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain("too large (over 1 MB)");
  });
});

describe("upload pages", () => {
  it("allow a larger action body only where a form carries a file", () => {
    expect(actionBodyLimit("/requests/new")).toBe(6 * 1024 * 1024);
    expect(actionBodyLimit("/signin")).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(actionBodyLimit("/requests/new/x")).toBe(ACTION_BODY_LIMIT_BYTES);
  });
});
