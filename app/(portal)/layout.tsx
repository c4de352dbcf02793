import type { ReactNode } from "react";
import { verifySession } from "@/lib/dal";

// Optimistic gate for the signed-in area; every page and action checks again.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  await verifySession();
  return <>{children}</>;
}
