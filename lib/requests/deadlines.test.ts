import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addMonths,
  checkExtension,
  daysToRespond,
  defaultLawFor,
  dueState,
  initialDeadlines,
} from "./deadlines";

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);
const day = (date: Date) => date.toISOString().slice(0, 10);

describe("GDPR: one month, one extension of up to two more", () => {
  it("counts calendar months and clamps to the month's last day", () => {
    expect(day(initialDeadlines("GDPR", d("2026-01-31")).dueAt)).toBe("2026-02-28");
    expect(day(initialDeadlines("GDPR", d("2028-01-31")).dueAt)).toBe("2028-02-29"); // leap year
    expect(day(initialDeadlines("GDPR", d("2026-03-31")).dueAt)).toBe("2026-04-30");
    expect(day(initialDeadlines("GDPR", d("2026-12-15")).dueAt)).toBe("2027-01-15");
    expect(initialDeadlines("GDPR", d("2026-12-15")).acknowledgeBy).toBeNull();
  });

  it("extends to three months from receipt, once, and only before the deadline", () => {
    const request = {
      law: "GDPR" as const,
      receivedAt: d("2026-11-30"),
      dueAt: d("2026-12-30"),
      extendedAt: null,
      isOpen: true,
    };
    const ok = checkExtension(request, d("2026-12-20"));
    expect(ok.allowed && day(ok.newDueAt)).toBe("2027-02-28");
    expect(checkExtension({ ...request, extendedAt: d("2026-12-20") }, d("2026-12-21"))).toEqual({
      allowed: false,
      why: "ALREADY_EXTENDED",
    });
    expect(checkExtension(request, d("2026-12-30"))).toEqual({ allowed: false, why: "DEADLINE_PASSED" });
    expect(checkExtension(request, d("2027-01-02"))).toEqual({ allowed: false, why: "DEADLINE_PASSED" });
    expect(checkExtension({ ...request, isOpen: false }, d("2026-12-01"))).toEqual({ allowed: false, why: "CLOSED" });
  });
});

describe("CCPA: acknowledge in 10 business days, answer in 45 days, one extension of 45", () => {
  it("skips weekends for the acknowledgement", () => {
    // Friday 2026-11-20 → 10 business days later is Friday 2026-12-04.
    expect(day(initialDeadlines("CCPA", d("2026-11-20")).acknowledgeBy!)).toBe("2026-12-04");
    // Saturday receipt: the count starts on Monday.
    expect(day(addBusinessDays(d("2026-11-21"), 1))).toBe("2026-11-23");
    expect(day(addBusinessDays(d("2026-11-21"), 10))).toBe("2026-12-04");
  });

  it("answers within 45 calendar days, extended once to 90 before the first 45 end", () => {
    const received = d("2026-01-10");
    const { dueAt } = initialDeadlines("CCPA", received);
    expect(day(dueAt)).toBe("2026-02-24");
    const ok = checkExtension(
      { law: "CCPA", receivedAt: received, dueAt, extendedAt: null, isOpen: true },
      d("2026-02-20"),
    );
    expect(ok.allowed && day(ok.newDueAt)).toBe("2026-04-10");
    expect(
      checkExtension({ law: "CCPA", receivedAt: received, dueAt, extendedAt: null, isOpen: true }, d("2026-02-25"))
        .allowed,
    ).toBe(false);
  });
});

describe("Shine the Light and other requests", () => {
  it("answers Shine the Light in 30 days and never extends it", () => {
    const received = d("2026-02-10");
    const { dueAt } = initialDeadlines("CALIFORNIA_STL", received);
    expect(day(dueAt)).toBe("2026-03-12");
    expect(
      checkExtension(
        { law: "CALIFORNIA_STL", receivedAt: received, dueAt, extendedAt: null, isOpen: true },
        d("2026-02-11"),
      ),
    ).toEqual({ allowed: false, why: "NOT_ALLOWED_BY_LAW" });
  });

  it("defaults the law from the profile's country", () => {
    expect(defaultLawFor("de")).toBe("GDPR");
    expect(defaultLawFor("GB")).toBe("GDPR");
    expect(defaultLawFor("US")).toBe("CCPA");
    expect(defaultLawFor("JP")).toBe("OTHER");
    expect(defaultLawFor(null)).toBe("GDPR");
  });
});

describe("due states and response times", () => {
  it("is amber within 7 days, red once overdue, nothing when closed", () => {
    const at = d("2026-11-24");
    expect(dueState(d("2026-11-23"), at, true)).toBe("overdue");
    expect(dueState(d("2026-11-30"), at, true)).toBe("due-soon");
    expect(dueState(d("2026-12-10"), at, true)).toBe("on-time");
    expect(dueState(d("2026-11-01"), at, false)).toBe("closed");
    expect(daysToRespond(d("2026-11-01"), d("2026-11-24"))).toBe(23);
    expect(day(addMonths(d("2026-08-31"), 1))).toBe("2026-09-30");
  });
});
