import type { Metadata } from "next";
import Link from "next/link";
import { Alert, Card, PageHeader } from "@/components/ui";
import { getDataOverview } from "@/lib/data/access";
import { getSignedInAt, verifySession } from "@/lib/dal";
import { KEPT_FOR_PEOPLE } from "@/lib/erasure/plan";
import { FRESH_SIGN_IN_MINUTES, isSignInFresh } from "@/lib/erasure/self-service";

import { deleteAccountAction, sendFreshSignInLinkAction } from "./actions";
import { DeleteAccountForm, FreshSignInForm } from "./forms";
import { formatNumber } from "@/lib/core/format";

export const metadata: Metadata = { title: "Delete your account" };
export const dynamic = "force-dynamic";

export default async function DeleteAccountPage() {
  const viewer = await verifySession();
  const [overview, signedInAt] = await Promise.all([getDataOverview({ viewer }), getSignedInAt(viewer)]);
  const isFresh = await isSignInFresh(signedInAt);
  const total = overview.reduce((sum, entry) => sum + entry.total, 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Delete your account"
        description="We delete your account and everything we hold about you, everywhere, in minutes, and email you a receipt. This cannot be undone."
      />
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">What we delete</h2>
        <p className="mt-1 text-sm text-gray-700">
          {formatNumber(total)} records in {overview.filter((entry) => entry.total > 0).length} categories, plus your
          sign-in sessions and links, any download archives, queued emails, and your preferences. Want a copy first?{" "}
          <Link className="font-medium text-brand-700 underline" href="/account/data#export">
            Download your data
          </Link>
          .
        </p>
        <ul className="mt-4 grid gap-2 sm:grid-cols-2" aria-label="Records we delete, by category">
          {overview.map((entry) => (
            <li
              key={entry.category.slug}
              className="flex items-baseline justify-between gap-3 rounded-md border border-gray-200 px-3 py-2 text-sm"
            >
              <span className="text-gray-900">{entry.category.title}</span>
              <span className="font-semibold tabular-nums text-gray-900">{formatNumber(entry.total)}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">What we keep, and why</h2>
        <ul className="mt-3 space-y-3 text-sm text-gray-800">
          {KEPT_FOR_PEOPLE.map((item) => (
            <li key={item.what}>
              <p className="font-medium text-gray-900">{item.what}.</p>
              <p>
                {item.why}. Kept: {item.howLong.toLowerCase()}.
              </p>
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">Delete</h2>
        {isFresh ? (
          <div className="mt-3 space-y-4">
            <Alert tone="warning" title="This cannot be undone">
              You are signed out everywhere at once, and we stop using your data immediately. If you sign up again later
              with the same address, you start with a new, empty account.
            </Alert>
            <DeleteAccountForm email={viewer.email} action={deleteAccountAction} />
          </div>
        ) : (
          <div className="mt-3 space-y-3">
            <p className="text-gray-800">
              To make sure it is really you, deleting your account needs a sign-in within the last{" "}
              {FRESH_SIGN_IN_MINUTES} minutes. We will email a sign-in link to{" "}
              <strong className="[overflow-wrap:anywhere]">{viewer.email}</strong> that brings you back here.
            </p>
            <FreshSignInForm action={sendFreshSignInLinkAction} />
          </div>
        )}
      </Card>
    </div>
  );
}
