import Link from "next/link";

// The signed-in area's sections. Each feature adds its page under app/(portal)/account.
const links = [
  { href: "/account", label: "Overview" },
  { href: "/account/data", label: "Your data" },
  { href: "/account/profile", label: "Profile" },
  { href: "/account/preferences/email", label: "Email preferences" },
  { href: "/account/preferences/telemetry", label: "Telemetry" },
  { href: "/account/preferences/history", label: "Preference history" },
  { href: "/account/requests", label: "Privacy requests" },
  { href: "/account/notices", label: "Notices" },
  { href: "/account/delete", label: "Delete account" },
];

export function PortalNav() {
  return (
    <nav aria-label="Your privacy center" className="flex flex-row flex-wrap gap-1 text-sm md:flex-col">
      {links.map((link) => (
        <Link key={link.href} className="rounded-md px-3 py-2 text-gray-800 hover:bg-gray-100" href={link.href}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
