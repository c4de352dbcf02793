import { SideNav, type SideNavItem } from "./side-nav";

// The admin area's sections.
const links: SideNavItem[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/requests", label: "Privacy requests" },
  { href: "/admin/agents", label: "Agents" },
  { href: "/admin/policies", label: "Policies" },
  { href: "/admin/notices", label: "Change notices" },
  { href: "/admin/sharing", label: "Sharing register" },
  { href: "/admin/parents", label: "Parents' requests" },
  { href: "/admin/breaches", label: "Breach notices" },
  { href: "/admin/legal-requests", label: "Legal requests" },
  { href: "/admin/retention", label: "Retention" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/security", label: "Security" },
  { href: "/admin-verify?next=/admin", label: "Confirm it's you", tone: "accent" },
];

export function AdminNav() {
  return <SideNav label="Admin" items={links} />;
}
