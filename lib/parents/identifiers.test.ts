import { describe, expect, it } from "vitest";
import { matchAccount, normalizeEmail, parseChildIdentifiers } from "./identifiers";

describe("child identifiers", () => {
  it("normalises addresses the way the provider delivers them", () => {
    expect(normalizeEmail(" Kid.Name+games@GMail.com ")).toBe("kidname@gmail.com");
    expect(normalizeEmail("kid.name@googlemail.com")).toBe("kidname@gmail.com");
    expect(normalizeEmail("kid+x@outlook.com")).toBe("kid@outlook.com");
    // Elsewhere dots and plus signs may be part of the mailbox name: kept.
    expect(normalizeEmail("kid.name+x@example.org")).toBe("kid.name+x@example.org");
    expect(normalizeEmail("Kid.Name@Outlook.com")).toBe("kid.name@outlook.com");
  });

  it("splits lines and commas, drops blanks and repeats, tells addresses from usernames", () => {
    expect(parseChildIdentifiers("kid@example.com\n\n KidGamer , kid@EXAMPLE.com; other")).toEqual([
      { kind: "email", value: "kid@example.com", normalized: "kid@example.com" },
      { kind: "username", value: "KidGamer" },
      { kind: "username", value: "other" },
    ]);
  });

  it("matches by exact address, by the same mailbox, and by username, case-insensitively", () => {
    const ids = parseChildIdentifiers("kid.name@gmail.com\nSkaterKid");
    expect(matchAccount({ email: "Kid.Name@gmail.com", username: null }, ids)).toEqual({
      kind: "exact email",
      identifier: "kid.name@gmail.com",
    });
    expect(matchAccount({ email: "kidname+school@gmail.com", username: null }, ids)).toEqual({
      kind: "same mailbox",
      identifier: "kid.name@gmail.com",
    });
    expect(matchAccount({ email: "someone@example.com", username: "skaterkid" }, ids)).toEqual({
      kind: "username",
      identifier: "SkaterKid",
    });
    expect(matchAccount({ email: "kidname@example.com", username: "skater" }, ids)).toBeNull();
  });
});
