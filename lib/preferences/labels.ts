// Human wording for preference subjects, categories and sources (no data access).
import type { EmailCategoryName } from "../email/unsubscribe";

export const emailCategoryInfo: Record<EmailCategoryName, { label: string; description: string }> = {
  PRODUCT_NEWS: { label: "Product news", description: "Release notes, new features and the monthly newsletter." },
  PROMOTIONS: {
    label: "Promotional offers",
    description:
      "Offers from us, and offers we send on behalf of other businesses such as Mesosphere. We never give them your address.",
  },
  BLOG_COMMENTS: {
    label: "Blog and comment notifications",
    description: "Replies to your comments and new posts on threads you follow.",
  },
};

export const sourceLabels: Record<string, string> = {
  PORTAL: "Privacy center",
  EMAIL_LINK: "Email link",
  ONE_CLICK: "One-click unsubscribe",
  BROWSER_SIGNAL: "Browser signal (DNT / GPC)",
  COOKIE_BANNER: "Cookie banner",
  ADMIN: "Privacy team",
  SYSTEM: "System",
};

export function describeSubject(subject: string): string {
  const [area, key, ...rest] = subject.split(":");
  if (area === "email") {
    if (key === "tracking") return "Email open confirmations";
    return emailCategoryInfo[key as EmailCategoryName]?.label ?? `Email: ${key}`;
  }
  if (area === "telemetry") {
    if (key === "account") return "Telemetry (all installs)";
    if (key === "cluster") return `Telemetry for install ${rest.join(":")}`;
    if (key === "purge") return `Collected telemetry deleted (${rest.join(":") || "all installs"})`;
  }
  if (area === "cookies")
    return key === "analytics"
      ? "Analytics cookies"
      : key === "advertising"
        ? "Advertising cookies"
        : `Cookies: ${key}`;
  if (area === "signal") return "Browser opt-out signal";
  if (area === "notices" && key === "minor") return "Emails about minor policy changes";
  return subject;
}
