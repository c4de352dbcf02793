"use client";

// The side navigation of the portal and the admin area: the link of the section the
// page belongs to is marked (aria-current="page" and a visible style), a destructive
// section (deleting the account) looks like one. A client component only to read the
// path: layouts are not given it, and the links are plain server-rendered anchors.
import Link from "next/link";
import { usePathname } from "next/navigation";

export type SideNavItem = {
  href: string;
  label: string;
  /** `danger`: a destructive section; `accent`: a call to action rather than a section. */
  tone?: "danger" | "accent";
};

const pathOf = (href: string) => href.split(/[?#]/)[0];

/** The item whose path is the current path or its longest parent ("/account" only on itself or when nothing else matches). */
export function currentItem(items: readonly SideNavItem[], pathname: string): SideNavItem | undefined {
  let best: SideNavItem | undefined;
  for (const item of items) {
    const path = pathOf(item.href);
    const matches = pathname === path || pathname.startsWith(path.endsWith("/") ? path : `${path}/`);
    if (matches && (!best || path.length > pathOf(best.href).length)) best = item;
  }
  return best;
}

export function SideNav(props: { label: string; items: readonly SideNavItem[] }) {
  const pathname = usePathname() ?? "";
  const current = currentItem(props.items, pathname);
  return (
    <nav aria-label={props.label} className="flex flex-row flex-wrap gap-1 text-sm md:flex-col">
      {props.items.map((item) => {
        const isCurrent = item === current;
        const tone =
          item.tone === "danger"
            ? isCurrent
              ? "bg-red-50 font-semibold text-red-800 border-red-700"
              : "text-red-700 hover:bg-red-50 border-transparent"
            : isCurrent
              ? "bg-brand-50 font-semibold text-brand-900 border-brand-600"
              : `${item.tone === "accent" ? "text-brand-700" : "text-gray-800"} hover:bg-gray-100 border-transparent`;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isCurrent ? "page" : undefined}
            className={`rounded-md border-l-4 px-3 py-1.5 md:py-2 ${tone} ${item.tone === "danger" ? "md:mt-2" : ""}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
