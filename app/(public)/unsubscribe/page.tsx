import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui";
import { EMAIL_CATEGORIES, verifyUnsubscribeToken } from "@/lib/email/unsubscribe";
import { emailCategoryInfo } from "@/lib/preferences/labels";
import { getLinkSubscriber } from "@/lib/preferences/unsubscribe";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { AdjustSubscriptionsForm, ConfirmUnsubscribeForm } from "./link-forms";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };
export const dynamic = "force-dynamic";

// Opened from the visible link in an email, without signing in. Opening the
// page changes nothing (mail scanners follow links); the buttons do.
export default async function UnsubscribePage(props: { searchParams: Promise<SearchParams> }) {
  const { token } = parseSearchParams(z.object({ token: textParam(1000).optional() }), await props.searchParams).data;
  const value = token ?? null;
  const claim = verifyUnsubscribeToken(value);
  if (!claim || !value) notFound();
  const subscriber = await getLinkSubscriber(claim);
  if (!subscriber) notFound();
  const info = emailCategoryInfo[claim.category];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title={`Unsubscribe from ${info.label.toLowerCase()}?`}
        description={
          <>
            For <strong>{subscriber.maskedEmail}</strong>. No sign-in needed.
          </>
        }
      />
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">{info.label}</h2>
        <p className="mt-1 mb-4 text-gray-700">
          {subscriber.categories[claim.category]
            ? info.description
            : `You are not subscribed to ${info.label.toLowerCase()}.`}
        </p>
        <ConfirmUnsubscribeForm token={value} label={info.label} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">Choose what else you get</h2>
        <p className="mt-1 mb-4 text-gray-700">
          Legal notices (policy changes, breach notices, updates on your requests) are always sent: we are required to.
        </p>
        <AdjustSubscriptionsForm
          token={value}
          categories={EMAIL_CATEGORIES.map((key) => ({
            key,
            ...emailCategoryInfo[key],
            subscribed: subscriber.categories[key],
          }))}
        />
      </Card>
      <p className="text-sm text-gray-700">
        Want to change open confirmations or telemetry too?{" "}
        <Link className="font-medium text-brand-700 underline" href="/account/preferences/email">
          Sign in to your privacy center
        </Link>
        .
      </p>
    </div>
  );
}
