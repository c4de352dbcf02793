// The child's identifiers a parent gives: email addresses and usernames, and the
// address forms that reach the same mailbox (case, and at providers that ignore
// them, dots in the local part and +tags). Pure, so it is unit-tested.

export type ChildIdentifier =
  { kind: "email"; value: string; normalized: string } | { kind: "username"; value: string };

/** Providers that deliver name.surname@ and namesurname@ to the same mailbox. */
const DOTS_IGNORED = new Set(["gmail.com", "googlemail.com"]);
/** Providers that deliver name+anything@ to name@. */
const PLUS_TAGS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "fastmail.com",
  "protonmail.com",
  "proton.me",
  "pm.me",
]);
const ALIASES: Record<string, string> = { "googlemail.com": "gmail.com" };

/** The mailbox an address reaches: lower-cased; dots and +tags dropped where the provider ignores them. */
export function normalizeEmail(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return trimmed;
  let local = trimmed.slice(0, at);
  const rawDomain = trimmed.slice(at + 1);
  const domain = ALIASES[rawDomain] ?? rawDomain;
  if (PLUS_TAGS.has(rawDomain) && local.includes("+")) local = local.slice(0, local.indexOf("+"));
  if (DOTS_IGNORED.has(rawDomain)) local = local.replace(/\./g, "");
  return `${local}@${domain}`;
}

/** Splits the form's text (lines or commas) into distinct identifiers. */
export function parseChildIdentifiers(text: string): ChildIdentifier[] {
  const seen = new Set<string>();
  const result: ChildIdentifier[] = [];
  for (const raw of text.split(/[\n,;]+/)) {
    const value = raw.trim();
    if (!value) continue;
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(
      value.includes("@") ? { kind: "email", value, normalized: normalizeEmail(value) } : { kind: "username", value },
    );
  }
  return result;
}

export type MatchKind = "exact email" | "same mailbox" | "username";

/** How an account matches one of the identifiers, if it does. */
export function matchAccount(
  account: { email: string; username: string | null },
  identifiers: ChildIdentifier[],
): { kind: MatchKind; identifier: string } | null {
  for (const identifier of identifiers) {
    if (identifier.kind === "email") {
      if (account.email.toLowerCase() === identifier.value.toLowerCase())
        return { kind: "exact email", identifier: identifier.value };
      if (normalizeEmail(account.email) === identifier.normalized)
        return { kind: "same mailbox", identifier: identifier.value };
    } else if (account.username && account.username.toLowerCase() === identifier.value.toLowerCase()) {
      return { kind: "username", identifier: identifier.value };
    }
  }
  return null;
}
