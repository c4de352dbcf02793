import type { ReactNode } from "react";
import { BreachBanner } from "@/components/breach-banner";
import { PortalNav } from "@/components/portal-nav";
import { listMyBreachNotices } from "@/lib/breaches/person";
import { formatBreachDate } from "@/lib/breaches/content";
import { verifySession, type Viewer } from "@/lib/dal";

// Breach notices stay on every portal page until the person acknowledges them. Read in a
// component of its own, so the page's queries run at the same time instead of after it.
async function OpenBreachNotices({ viewer }: { viewer: Viewer }) {
  const breaches = await listMyBreachNotices({ viewer, onlyOpen: true });
  return (
    <BreachBanner
      notices={breaches.map((notice) => ({
        id: notice.id,
        title: notice.title,
        discovered: formatBreachDate(notice.discoveredAt),
      }))}
    />
  );
}

// Optimistic gate for the signed-in area; every page and action checks again.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await verifySession();
  return (
    <div className="grid gap-8 md:grid-cols-[13rem_1fr]">
      <PortalNav />
      <div className="min-w-0 space-y-6">
        <OpenBreachNotices viewer={viewer} />
        <div>{children}</div>
      </div>
    </div>
  );
}
