import { describe, expect, it } from "vitest";
import { validatePublication } from "./admin";
import { diffPolicyText } from "./diff";
import { isAppError } from "../core/errors";
import { renderPolicyMarkdown } from "./markdown";
import { classifySmtpError, noticeMessageId } from "../notices/sender";

const at = new Date("2026-11-23T12:00:00Z");
const days = (n: number) => new Date(at.getTime() + n * 86_400_000);
const base = { summary: "Changes", isSubstantive: true, effectiveAt: days(31), overrideReason: null as string | null };

function codeOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? (error.reason ?? error.code) : "OTHER";
  }
  return "OK";
}

describe("publishing rules", () => {
  it("accepts a substantive change 30+ days ahead", () => {
    expect(validatePublication(base, at, null, 30)).toEqual(days(31));
  });
  it("refuses a substantive change under 30 days without a reason, accepts it with one", () => {
    expect(codeOf(() => validatePublication({ ...base, effectiveAt: days(10) }, at, null, 30))).toBe(
      "OVERRIDE_REASON_REQUIRED",
    );
    expect(
      codeOf(() => validatePublication({ ...base, effectiveAt: days(10), overrideReason: "short" }, at, null, 30)),
    ).toBe("OVERRIDE_REASON_REQUIRED");
    expect(
      codeOf(() =>
        validatePublication(
          { ...base, effectiveAt: days(10), overrideReason: "Court order requires it" },
          at,
          null,
          30,
        ),
      ),
    ).toBe("OK");
  });
  it("lets a minor change take effect tomorrow", () => {
    expect(
      codeOf(() => validatePublication({ ...base, isSubstantive: false, effectiveAt: days(1) }, at, null, 30)),
    ).toBe("OK");
  });
  it("refuses past dates, missing dates, missing summaries, and dates before the latest version", () => {
    expect(codeOf(() => validatePublication({ ...base, effectiveAt: days(-1) }, at, null, 30))).toBe(
      "EFFECTIVE_DATE_PAST",
    );
    expect(codeOf(() => validatePublication({ ...base, effectiveAt: null }, at, null, 30))).toBe(
      "EFFECTIVE_DATE_REQUIRED",
    );
    expect(codeOf(() => validatePublication({ ...base, summary: "  " }, at, null, 30))).toBe("SUMMARY_REQUIRED");
    expect(codeOf(() => validatePublication(base, at, days(40), 30))).toBe("EFFECTIVE_DATE_BEFORE_LIVE");
  });
});

describe("word diff", () => {
  it("marks added and removed words", () => {
    const diff = diffPolicyText("We keep logs for 90 days.", "We keep logs for 30 days.");
    expect(diff.parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["90"]);
    expect(diff.parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["30"]);
    expect(diff).toMatchObject({ added: 1, removed: 1 });
  });
});

describe("markdown rendering", () => {
  it("strips scripts and javascript: links", () => {
    const html = renderPolicyMarkdown(
      "# T\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) and [ok](https://example.com)\n\n<img src=x onerror=alert(1)>",
    );
    expect(html).not.toMatch(/<script|href="javascript:|onerror/);
    expect(html).toContain('<a href="https://example.com">ok</a>');
    expect(html).toContain("<h1");
  });

  it("keeps no id or name a page's own elements or scripts could be clobbered with; in-page links still work", () => {
    const html = renderPolicyMarkdown(
      '<p id="__next">x</p>\n\n<a name="forms" href="#top">up</a>\n\n<h2 id="top">Top</h2>\n\n<img name="cookie" src="https://example.com/a.png">\n\n[see](#top)',
    );
    expect(html).not.toMatch(/\sid="(__next|top)"/);
    expect(html).not.toMatch(/\sname=/);
    expect(html).toContain('id="user-content-top"');
    expect(html).toContain('href="#user-content-top"');
  });
});

describe("smtp error classes", () => {
  it("treats 4xx and connection errors as temporary, 5xx as permanent", () => {
    expect(classifySmtpError({ responseCode: 451, code: "EENVELOPE" }).permanent).toBe(false);
    expect(classifySmtpError({ code: "ECONNREFUSED" }).permanent).toBe(false);
    expect(classifySmtpError({ responseCode: 550, code: "EENVELOPE" }).permanent).toBe(true);
  });
  it("derives a stable Message-ID from the delivery id", () => {
    expect(noticeMessageId("nd123", "Privacy <privacy@example.com>")).toBe("<notice-nd123@example.com>");
  });
});
