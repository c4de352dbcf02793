import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card } from "@/components/ui";
import { findCaughtMail, isMailCatcherServed } from "@/lib/email/caught-mail";
import { idParam, parseParams, type RouteParams } from "@/lib/core/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dev mail message", robots: { index: false } };

const paramsSchema = z.object({ id: idParam() });

export default async function DevMailMessagePage(props: { params: Promise<RouteParams> }) {
  if (!isMailCatcherServed()) notFound();
  const { id } = parseParams(paramsSchema, await props.params);
  const message = await findCaughtMail(id);
  if (!message) notFound();
  const headers = message.headers as Record<string, string>;
  return (
    <div className="space-y-4">
      <Link className="text-sm text-brand-700 underline" href="/dev/mail">
        ← All mail
      </Link>
      <h1 className="text-2xl font-bold">{message.subject}</h1>
      <Card>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
          {Object.entries(headers).map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="font-medium text-gray-800">{key}</dt>
              <dd className="break-all text-gray-800">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {message.html ? (
        <iframe
          title="Email body"
          sandbox=""
          srcDoc={message.html}
          className="h-[600px] w-full rounded-xl border border-gray-200 bg-white"
        />
      ) : null}
      <Card>
        <h2 className="mb-2 font-semibold">Plain text</h2>
        <pre className="whitespace-pre-wrap break-all text-sm text-gray-800">{message.text}</pre>
      </Card>
    </div>
  );
}
