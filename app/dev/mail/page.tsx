import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui";
import { isMailCatcherServed, listCaughtMail } from "@/lib/email/caught-mail";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { formatDate } from "@/lib/core/format";
import { EmptyState } from "@/components/empty-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dev mail", robots: { index: false } };

const searchSchema = z.object({ to: textParam(254).optional() });

export default async function DevMailPage(props: { searchParams: Promise<SearchParams> }) {
  if (!isMailCatcherServed()) notFound();
  const { to } = parseSearchParams(searchSchema, await props.searchParams).data;
  const messages = await listCaughtMail({ to, limit: 100 });
  return (
    <div>
      <PageHeader
        title="Development inbox"
        description="Every email the app sent, caught by the built-in SMTP server. Not available in production unless MAIL_CATCHER=1."
      />
      <form className="mb-4 flex gap-2" role="search">
        <label htmlFor="to" className="sr-only">
          Filter by recipient
        </label>
        <input
          id="to"
          name="to"
          defaultValue={to}
          placeholder="Filter by recipient"
          className="w-full max-w-sm rounded-md border border-gray-400 px-3 py-2"
        />
        <button className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white" type="submit">
          Filter
        </button>
      </form>
      <Card className="p-0">
        {messages.length === 0 ? (
          <div className="p-6">
            <EmptyState variant="plain" title="No mail yet." />
          </div>
        ) : null}
        <ul className="divide-y divide-gray-100">
          {messages.map((message) => (
            <li key={message.id}>
              <Link href={`/dev/mail/${message.id}`} className="block px-4 py-3 hover:bg-gray-50">
                <span className="block font-medium text-gray-900">{message.subject || "(no subject)"}</span>
                <span className="block text-sm text-gray-700">
                  To {message.to} · {formatDate(message.date, "timestampSeconds")}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
