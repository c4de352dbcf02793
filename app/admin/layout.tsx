import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin-nav";
import { requireAdmin } from "@/lib/dal";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <AdminNav />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
