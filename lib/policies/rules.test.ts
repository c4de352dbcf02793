import { describe, expect, it } from "vitest";
import { validatePublication } from "./admin";
import { diffPolicyText } from "./diff";
import { isAppError } from "../core/errors";
import { layoutPolicy, renderPolicyMarkdown } from "./markdown";
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

describe("policy diff", () => {
  const html = (diff: ReturnType<typeof diffPolicyText>) =>
    diff.sections.flatMap((s) => s.blocks.map((b) => b.html)).join("\n");

  it("marks the changed word of an edited sentence, as formatted text", () => {
    const diff = diffPolicyText("We keep **logs** for 90 days.", "We keep **logs** for 30 days.");
    expect(html(diff)).toContain("<strong>logs</strong>");
    expect(html(diff)).toMatch(/<del>90<\/del>\s*<ins>30<\/ins>/);
    expect(diff).toMatchObject({ added: 1, removed: 1, changedSections: 1 });
  });

  it("ignores how lines are wrapped", () => {
    const diff = diffPolicyText("One two\nthree four.", "One two three\nfour.");
    expect(diff).toMatchObject({ added: 0, removed: 0, changedSections: 0 });
  });

  it("marks an inserted sentence as a whole, and a rewritten one as old and new sentence", () => {
    const inserted = diffPolicyText("First. Last.", "First. A new sentence here. Last.");
    expect(html(inserted)).toContain("<ins>A new sentence here.</ins>");
    expect(html(inserted)).not.toContain("<del>");
    const rewritten = diffPolicyText(
      "We keep your data safe. We never share data with anyone at all.",
      "We keep your data safe. Partners may receive your address for offers.",
    );
    expect(html(rewritten)).toContain("<del>We never share data with anyone at all.</del>");
    expect(html(rewritten)).toContain("<ins>Partners may receive your address for offers.</ins>");
    // A paragraph with nothing in common is removed and added as a whole, old first.
    const replaced = diffPolicyText("We never share data.", "Partners may receive your address.");
    expect(replaced.sections[0].blocks.map((b) => b.kind)).toEqual(["removed", "added"]);
  });

  it("groups blocks into sections and tells which changed", () => {
    const before = "Intro.\n\n## Same\n\nUnchanged text.\n\n## Edited\n\n- one\n- two";
    const after = "Intro.\n\n## Same\n\nUnchanged text.\n\n## Edited\n\n- one\n- two\n- three\n\n## New\n\nAll new.";
    const diff = diffPolicyText(before, after);
    expect(diff.sections.map((s) => [s.title, s.changed])).toEqual([
      ["Opening", false],
      ["Same", false],
      ["Edited", true],
      ["New", true],
    ]);
    const edited = diff.sections[2].blocks;
    expect(edited.map((b) => b.kind)).toEqual(["same", "same", "same", "added"]);
    expect(edited[3].html).toContain("<li>three</li>");
    expect(diff.sections[3].blocks.every((b) => b.kind === "added")).toBe(true);
  });
});

describe("policy layout", () => {
  it("takes the key points out to the top and lists the sections with their heading ids", () => {
    const layout = layoutPolicy(
      "## Key points\n\n- Short.\n\nIntro.\n\n## What we *collect*\n\nText.\n\n## Contact us\n\nSee [contact](#contact-us).",
    );
    expect(layout.keyPointsHtml).toContain("<li>Short.</li>");
    expect(layout.html).not.toContain("Key points");
    expect(layout.html).toContain("Intro.");
    expect(layout.outline).toEqual([
      { id: "user-content-what-we-collect", title: "What we collect" },
      { id: "user-content-contact-us", title: "Contact us" },
    ]);
    expect(layout.html).toContain('<h2 id="user-content-what-we-collect">What we <em>collect</em></h2>');
    expect(layout.html).toContain('href="#user-content-contact-us"');
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

  it("the public page's HTML (key points and text) carries no script, handler or javascript: link", () => {
    const layout = layoutPolicy(
      '## Key points\n\n- Fine <script>alert(1)</script>\n- <img src=x onerror=alert(2)>\n\n## Text\n\n<script>alert(3)</script>\n\n<a href="javascript:alert(4)" onclick="alert(5)">x</a> <svg onload=alert(6)></svg>',
    );
    for (const html of [layout.keyPointsHtml ?? "", layout.html]) {
      expect(html).not.toMatch(/<script|<svg|onerror|onclick|onload|javascript:/i);
    }
    expect(layout.keyPointsHtml).toContain("Fine");
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
