// The one formatter: fixed instants, always UTC whatever the server's zone, the same
// words the pages showed before they shared it, and no exception for a bad value.
import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatDate,
  formatNumber,
  formatRelative,
  isoDay,
  isoInstant,
  monthNames,
  type DateFormat,
} from "./format";

const at = new Date("2026-03-05T14:05:09.123Z");

describe("formatDate", () => {
  it.each([
    ["date", "5 Mar 2026"],
    ["longDate", "5 March 2026"],
    ["dateTime", "5 Mar 2026, 14:05"],
    ["dateTimeSeconds", "5 Mar 2026, 14:05:09"],
    ["longDateTime", "5 March 2026 at 14:05"],
    ["month", "March 2026"],
    ["timestamp", "2026-03-05 14:05 UTC"],
    ["timestampSeconds", "2026-03-05 14:05:09 UTC"],
    ["isoDay", "2026-03-05"],
  ] as [DateFormat, string][])("%s: %s", (format, expected) => {
    expect(formatDate(at, format)).toBe(expected);
  });

  it("defaults to the medium date", () => {
    expect(formatDate(at)).toBe("5 Mar 2026");
  });

  it("says the same as the Intl formats the pages used before", () => {
    const before = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(at);
    expect(formatDate(at, "date")).toBe(before({ dateStyle: "medium" }));
    expect(formatDate(at, "date")).toBe(before({ day: "numeric", month: "short", year: "numeric" }));
    expect(formatDate(at, "longDate")).toBe(before({ dateStyle: "long" }));
    expect(formatDate(at, "dateTime")).toBe(before({ dateStyle: "medium", timeStyle: "short" }));
    expect(formatDate(at, "dateTimeSeconds")).toBe(before({ dateStyle: "medium", timeStyle: "medium" }));
    expect(formatDate(at, "longDateTime")).toBe(before({ dateStyle: "long", timeStyle: "short" }));
    expect(formatDate(at, "month")).toBe(before({ month: "long", year: "numeric" }));
  });

  it("shows the UTC day, not the offset's or the server's", () => {
    // 00:30 in UTC+2 on 1 March is still 28 February in UTC.
    const late = "2026-03-01T00:30:00+02:00";
    expect(formatDate(late, "date")).toBe("28 Feb 2026");
    expect(formatDate(late, "timestamp")).toBe("2026-02-28 22:30 UTC");
    expect(isoDay(late)).toBe("2026-02-28");
    expect(formatDate("2026-12-31T23:59:59.999Z", "longDateTime")).toBe("31 December 2026 at 23:59");
    expect(formatDate("2027-01-01T00:00:00.000Z", "longDateTime")).toBe("1 January 2027 at 00:00");
    expect(formatDate("2028-02-29T12:00:00Z", "longDate")).toBe("29 February 2028");
  });

  it("takes ISO strings and epoch milliseconds as well as dates", () => {
    expect(formatDate(at.toISOString(), "dateTime")).toBe("5 Mar 2026, 14:05");
    expect(formatDate(at.getTime(), "dateTime")).toBe("5 Mar 2026, 14:05");
  });

  it("shows a dash for a missing or unreadable date instead of throwing", () => {
    for (const value of [null, undefined, "", "not a date", Number.NaN, new Date(Number.NaN)])
      for (const format of ["date", "timestamp", "isoDay"] as const) expect(formatDate(value, format)).toBe("—");
  });

  it("pads the far ends of the range PostgreSQL and JavaScript allow", () => {
    expect(formatDate("0005-01-02T03:04:00Z", "timestamp")).toBe("0005-01-02 03:04 UTC");
    expect(formatDate(8_640_000_000_000_000, "timestamp")).toBe("275760-09-13 00:00 UTC");
  });

  it("can use another locale", () => {
    expect(formatDate(at, "longDate", { locale: "de-DE" })).toBe("5. März 2026");
  });
});

describe("isoInstant", () => {
  it("is the instant for <time dateTime>", () => {
    expect(isoInstant(at)).toBe("2026-03-05T14:05:09.123Z");
    expect(isoInstant("garbage")).toBeNull();
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-03-05T12:00:00Z");
  const plus = (ms: number) => new Date(now.getTime() + ms);
  it.each([
    [0, "now"],
    [-59_000, "59 seconds ago"],
    [-60_000, "1 minute ago"],
    [30 * 60_000, "in 30 minutes"],
    [-3_600_000, "1 hour ago"],
    [-23 * 3_600_000, "23 hours ago"],
    [-24 * 3_600_000, "yesterday"],
    [24 * 3_600_000, "tomorrow"],
    [-3 * 86_400_000, "3 days ago"],
    [-7 * 86_400_000, "last week"],
    [-45 * 86_400_000, "last month"],
    [400 * 86_400_000, "next year"],
  ])("%d ms: %s", (difference, expected) => {
    expect(formatRelative(plus(difference), now)).toBe(expected);
  });

  it("shows a dash for an unreadable date", () => {
    expect(formatRelative("nope", now)).toBe("—");
  });
});

describe("numbers", () => {
  it("groups thousands", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(1234567)).toBe((1234567).toLocaleString("en"));
  });

  it("sizes in B, kB and MB", () => {
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.0 kB");
    expect(formatBytes(1024 * 1024 - 1)).toBe("1024.0 kB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});

describe("monthNames", () => {
  it("names the twelve months, January first", () => {
    expect(monthNames()).toEqual([
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ]);
  });
});
