import { SideNav, type SideNavItem } from "./side-nav";

// The signed-in area's sections. Each feature adds its page under app/(portal)/account.
const links: SideNavItem[] = [
  { href: "/account", label: "Overview" },
  { href: "/account/data", label: "Your data" },
  { href: "/account/profile", label: "Profile" },
  { href: "/account/preferences/email", label: "Email preferences" },
  { href: "/account/preferences/telemetry", label: "Telemetry" },
  { href: "/account/preferences/history", label: "Preference history" },
  { href: "/account/requests", label: "Privacy requests" },
  { href: "/account/notices", label: "Notices" },
  { href: "/account/delete", label: "Delete account", tone: "danger" },
];

export function PortalNav() {
  return <SideNav label="Your privacy center" items={links} />;
}
