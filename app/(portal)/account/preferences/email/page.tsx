import type { Metadata } from "next";
import { CookieSettingsButton } from "@/components/cookie-banner";
import { Card, PageHeader } from "@/components/ui";
import { verifySession } from "@/lib/dal";
import { EMAIL_CATEGORIES } from "@/lib/email/unsubscribe";
import { getAccountCookieChoice } from "@/lib/preferences/cookies";
import { getEmailPreferences } from "@/lib/preferences/email";
import { emailCategoryInfo } from "@/lib/preferences/labels";
import { EmailPreferencesForm, SampleEmailForm } from "./forms";
import { DateTime } from "@/components/date-time";

export const metadata: Metadata = { title: "Email preferences" };

export default async function EmailPreferencesPage() {
  const viewer = await verifySession();
  const [preferences, cookiePrefs] = await Promise.all([
    getEmailPreferences(viewer.userId),
    getAccountCookieChoice(viewer.userId),
  ]);
  const categories = EMAIL_CATEGORIES.map((key) => ({
    key,
    ...emailCategoryInfo[key],
    subscribed: preferences.categories[key],
  }));
  return (
    <div className="space-y-6">
      <PageHeader
        title="Email preferences"
        description="Choose what we email you. Every change takes effect at once and is kept in your preference history."
      />
      <Card>
        <EmailPreferencesForm categories={categories} trackingAllowed={preferences.trackingAllowed} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">See a sample</h2>
        <p className="mt-1 mb-4 text-sm text-gray-700">
          We send you a real example of a topic you are subscribed to. It has a one-click unsubscribe header and a
          visible unsubscribe link, like all our non-transactional email.
        </p>
        <SampleEmailForm categories={categories.map(({ key, label }) => ({ key, label }))} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">Cookies and browser signals</h2>
        <p className="mt-1 text-sm text-gray-700">
          Analytics cookies: <strong>{cookiePrefs.analytics ? "on" : "off"}</strong>. Advertising cookies:{" "}
          <strong>{cookiePrefs.advertising ? "on" : "off"}</strong>.
        </p>
        {preferences.optOutSignalAt ? (
          <p className="mt-2 text-sm text-green-900">
            Your browser&apos;s opt-out signal was honoured on{" "}
            <DateTime value={preferences.optOutSignalAt} format="longDate" />.
          </p>
        ) : (
          <p className="mt-2 text-sm text-gray-700">
            If your browser sends Do Not Track or Global Privacy Control, we turn analytics and advertising off for you.
          </p>
        )}
        <div className="mt-3 text-sm font-medium text-brand-700">
          <CookieSettingsButton />
        </div>
      </Card>
    </div>
  );
}
