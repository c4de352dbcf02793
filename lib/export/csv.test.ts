import { describe, expect, it } from "vitest";
import { csvCell, csvLine, neutraliseCell } from "./csv";

describe("CSV escaping", () => {
  it.each(["=1+2", "+1", "-1+1", "@SUM(A1)", '=HYPERLINK("http://evil")', "\tx", "\rx"])(
    "neutralises a formula-like cell %j",
    (value) => {
      expect(neutraliseCell(value).startsWith("'")).toBe(true);
      expect(csvCell(value).replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  // Spreadsheets skip leading spaces and invisible characters before evaluating, and some
  // fold full-width (and small) forms of = + - @ into the ASCII ones.
  it.each([
    " =1+2",
    "  @SUM(A1)",
    "\u200B=1+2",
    "\u200C=1",
    "\u200D=1",
    "\u2060=1",
    "\uFEFF=1",
    "\u00A0=1",
    "\u3000=1",
    "\n=1",
    "＝1+2",
    "＋1",
    "－1+1",
    "＠SUM(A1)",
    "﹦1",
    "﹢1",
    "﹣1",
    "﹫x",
  ])("neutralises a cell that starts with a space, an invisible or a full-width character %j", (value) => {
    expect(neutraliseCell(value).startsWith("'")).toBe(true);
    expect(csvLine(["1", value])).toMatch(/^1,"?'/);
  });

  it("leaves ordinary text alone", () => {
    expect(csvCell("hello")).toBe("hello");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
  });

  it("neutralises and then quotes a dangerous cell with a comma", () => {
    expect(csvCell('=cmd|" /C calc"!A0,x')).toBe(`"'=cmd|"" /C calc""!A0,x"`);
  });

  it("keeps negative numbers in numeric columns, but not formula text in them", () => {
    expect(csvCell("-0.5", "number")).toBe("-0.5");
    expect(csvCell("-1+1", "number")).toBe("'-1+1");
    expect(csvCell("-0.5", "text")).toBe("'-0.5");
  });

  it("writes null as an empty cell and ends lines with CRLF", () => {
    expect(csvLine(["a", null, "=x"])).toBe("a,,'=x\r\n");
  });
});
