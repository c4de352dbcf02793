import Link from "next/link";
import type { ReactNode } from "react";
import { requireAdmin } from "@/lib/dal";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Admin" className="flex flex-row flex-wrap gap-1 text-sm md:flex-col">
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin">
          Overview
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/requests">
          Privacy requests
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/agents">
          Agents
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/policies">
          Policies
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/notices">
          Change notices
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/sharing">
          Sharing register
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/parents">
          Parents&apos; requests
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/breaches">
          Breach notices
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/legal-requests">
          Legal requests
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/retention">
          Retention
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/audit">
          Audit log
        </Link>
        <Link className="rounded-md px-3 py-2 hover:bg-gray-100" href="/admin/security">
          Security
        </Link>
        <Link className="rounded-md px-3 py-2 text-brand-700 hover:bg-gray-100" href="/admin-verify?next=/admin">
          Confirm it&apos;s you
        </Link>
      </nav>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
