// Every statutory clock of a privacy request, in one place. No other module
// computes a request's dates. Pure functions over UTC timestamps.
//   GDPR (Art. 12(3)): answer within one month of receipt; one extension by up to
//     two further months, decided and told to the person within the first month.
//   CCPA/CPRA (Civ. Code 1798.130, 11 CCR 7021): acknowledge within 10 business
//     days; answer within 45 calendar days; one extension of 45 more, with notice
//     before the first 45 end.
//   California "Shine the Light" (Civ. Code 1798.83): answer within 30 days; no extension.
//   Other (no specific law): 30 days, one extension of 30, our own promise.

export type Law = "GDPR" | "CCPA" | "CALIFORNIA_STL" | "OTHER";

const DAY_MS = 86_400_000;

/** `from` plus n calendar months, clamped to the target month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** `from` plus n business days (Monday to Friday; public holidays are not taken off). */
export function addBusinessDays(from: Date, days: number): Date {
  let result = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    result = addDays(result, 1);
    const weekday = result.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return result;
}

type Rule = {
  label: string;
  answer: (received: Date) => Date;
  /** The latest due date one extension can reach, or null when the law allows none. */
  extended: ((received: Date) => Date) | null;
  acknowledge: ((received: Date) => Date) | null;
  extensionLabel: string | null;
};

export const LAW_RULES: Record<Law, Rule> = {
  GDPR: {
    label: "GDPR (EU/UK)",
    answer: (r) => addMonths(r, 1),
    extended: (r) => addMonths(r, 3),
    acknowledge: null,
    extensionLabel: "up to 2 more months",
  },
  CCPA: {
    label: "California (CCPA/CPRA)",
    answer: (r) => addDays(r, 45),
    extended: (r) => addDays(r, 90),
    acknowledge: (r) => addBusinessDays(r, 10),
    extensionLabel: "45 more days",
  },
  CALIFORNIA_STL: {
    label: "California Shine the Light (Civ. Code 1798.83)",
    answer: (r) => addDays(r, 30),
    extended: null,
    acknowledge: null,
    extensionLabel: null,
  },
  OTHER: {
    label: "Elsewhere (our own promise)",
    answer: (r) => addDays(r, 30),
    extended: (r) => addDays(r, 60),
    acknowledge: null,
    extensionLabel: "30 more days",
  },
};

/** The dates a new request starts with. */
export function initialDeadlines(law: Law, received: Date): { dueAt: Date; acknowledgeBy: Date | null } {
  const rule = LAW_RULES[law];
  return { dueAt: rule.answer(received), acknowledgeBy: rule.acknowledge?.(received) ?? null };
}

export type ExtensionCheck =
  | { allowed: true; newDueAt: Date }
  | { allowed: false; why: "NOT_ALLOWED_BY_LAW" | "ALREADY_EXTENDED" | "DEADLINE_PASSED" | "CLOSED" };

/**
 * One extension per request, decided (and told to the person) before the current
 * deadline has passed; the law sets how far it may reach.
 */
export function checkExtension(
  request: { law: Law; receivedAt: Date; dueAt: Date; extendedAt: Date | null; isOpen: boolean },
  at: Date,
): ExtensionCheck {
  const rule = LAW_RULES[request.law];
  if (!request.isOpen) return { allowed: false, why: "CLOSED" };
  if (!rule.extended) return { allowed: false, why: "NOT_ALLOWED_BY_LAW" };
  if (request.extendedAt) return { allowed: false, why: "ALREADY_EXTENDED" };
  if (at.getTime() >= request.dueAt.getTime()) return { allowed: false, why: "DEADLINE_PASSED" };
  return { allowed: true, newDueAt: rule.extended(request.receivedAt) };
}

export type DueState = "overdue" | "due-soon" | "on-time" | "closed";

/** How urgent the deadline is: red overdue, amber within 7 days. */
export function dueState(dueAt: Date, at: Date, isOpen: boolean): DueState {
  if (!isOpen) return "closed";
  const left = dueAt.getTime() - at.getTime();
  if (left < 0) return "overdue";
  return left <= 7 * DAY_MS ? "due-soon" : "on-time";
}

/** Whole days from receipt to the answer (for the metrics). */
export function daysToRespond(receivedAt: Date, closedAt: Date): number {
  return Math.max(0, Math.round((closedAt.getTime() - receivedAt.getTime()) / DAY_MS));
}

const EU_EEA_UK = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  "IS",
  "LI",
  "NO",
  "GB",
  "CH",
]);

/** The law a person most likely lives under, from the country on their profile (unknown: the GDPR, the strictest clock). */
export function defaultLawFor(country: string | null | undefined): Law {
  const code = (country ?? "").toUpperCase();
  if (!code || EU_EEA_UK.has(code)) return "GDPR";
  if (code === "US") return "CCPA";
  return "OTHER";
}
