import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert, Card, PageHeader } from "@/components/ui";
import { getEnrolment } from "@/lib/auth/second-factor";
import { getAccountOverview } from "@/lib/account/overview";
import { verifySession } from "@/lib/dal";
import { DateTime } from "@/components/date-time";
import { formatDate, formatNumber } from "@/lib/core/format";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await verifySession();
  // An admin's first sign-in leads on to setting up the admin area's second factor.
  const [overview, enrolment] = await Promise.all([
    getAccountOverview({ viewer }),
    viewer.role === "ADMIN" ? getEnrolment(viewer.userId) : null,
  ]);
  if (!overview) notFound();
  const needsSecondFactor = enrolment !== null && !enrolment.isEnrolled;
  const sections = [
    {
      title: "Your data",
      href: "/account/data",
      body: "See everything we hold about you, download it, and correct it.",
      stat: `${formatNumber(overview.counts.serverLogs)} server-log records, ${formatNumber(overview.counts.telemetryReports)} telemetry reports`,
    },
    {
      title: "Preferences",
      href: "/account/preferences/email",
      body: "Email topics, open tracking, telemetry from your clusters, and cookies.",
      stat: `${overview.counts.clusters} linked install${overview.counts.clusters === 1 ? "" : "s"}`,
    },
    {
      title: "Privacy requests",
      href: "/account/requests",
      body: "Ask for a copy, a correction, a deletion, or a disclosure, and follow each on its clock.",
      stat: `${overview.counts.privacyRequests} request${overview.counts.privacyRequests === 1 ? "" : "s"}`,
    },
  ];
  return (
    <div>
      <PageHeader
        title={overview.name ? `Hello, ${overview.name}` : "Your privacy center"}
        description={
          <>
            Signed in as <strong className="[overflow-wrap:anywhere]">{overview.email}</strong>. Member since{" "}
            <DateTime value={overview.memberSince} format="longDate" />.
          </>
        }
      />
      {needsSecondFactor ? (
        <div className="mb-6">
          <Alert tone="warning" title="Set up your second factor for the admin area">
            Your emailed link signs you in to your own account. The admin area needs a passkey or an authenticator app
            as well.{" "}
            <Link className="font-semibold underline underline-offset-2" href="/admin-verify?next=%2Fadmin">
              Set it up now
            </Link>
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        {/* Each card is one link (its heading's link covers the card), so what looks clickable is. */}
        {sections.map((section) => (
          <Card key={section.title} className="relative transition hover:border-brand-600 hover:shadow-md">
            <h2 className="text-lg font-semibold text-gray-900">
              <Link
                className="underline decoration-brand-600 underline-offset-4 after:absolute after:inset-0 after:rounded-xl hover:text-brand-700"
                href={section.href}
              >
                {section.title}
              </Link>
            </h2>
            <p className="mt-2 text-gray-700">{section.body}</p>
            <p className="mt-4 text-sm font-medium text-brand-700">{section.stat}</p>
          </Card>
        ))}
      </div>
      {overview.policy ? (
        <p className="mt-8 text-sm text-gray-700">
          Your account was created under the{" "}
          <Link
            className="font-medium text-brand-700 underline"
            href={`/policies/${overview.policy.slug}/v/${overview.policy.version}`}
          >
            {overview.policy.title}, version {overview.policy.version}
          </Link>
          {overview.policy.effectiveAt ? ` (effective ${formatDate(overview.policy.effectiveAt, "longDate")})` : ""}.
        </p>
      ) : null}
      <p className="mt-8 border-t border-gray-200 pt-4 text-sm">
        <Link
          className="font-semibold text-red-700 underline underline-offset-2 hover:text-red-800"
          href="/account/delete"
        >
          Delete my account
        </Link>
        <span className="text-gray-700"> — see what we delete, what we must keep and why, before you decide.</span>
      </p>
    </div>
  );
}
