import type { ReactNode } from "react";
import { PortalNav } from "@/components/portal-nav";
import { verifySession } from "@/lib/dal";

// Optimistic gate for the signed-in area; every page and action checks again.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  await verifySession();
  return (
    <div className="grid gap-8 md:grid-cols-[13rem_1fr]">
      <PortalNav />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
