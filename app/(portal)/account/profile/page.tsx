import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui";
import { getEditableProfile } from "@/lib/correction/profile";
import { verifySession } from "@/lib/dal";
import { EmailChangeForm, ProfileForm } from "./profile-forms";
import { DateTime } from "@/components/date-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const viewer = await verifySession();
  const profile = await getEditableProfile({ viewer });
  if (!profile) notFound();
  const p = profile.profile;
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link className="text-brand-700 underline" href="/account/data">
          ← All your data
        </Link>
      </p>
      <PageHeader
        title="Profile and contact details"
        description="Correct your name and contact details here. Changes take effect at once."
      />
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900">Your details</h2>
        <ProfileForm
          values={{
            name: profile.name ?? "",
            displayName: p?.displayName ?? "",
            phone: p?.phone ?? "",
            company: p?.company ?? "",
            addressLine: p?.addressLine ?? "",
            city: p?.city ?? "",
            postalCode: p?.postalCode ?? "",
            country: p?.country ?? "",
          }}
        />
      </Card>
      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-gray-900">Sign-in email address</h2>
        <p className="mt-2 text-gray-700">
          You sign in with{" "}
          <strong className="[overflow-wrap:anywhere]" data-testid="current-email">
            {profile.email}
          </strong>
          . To change it, we send a link to the new address; the change happens when you open it, and we tell your
          current address.
        </p>
        {profile.pendingEmail ? (
          <p className="mt-2 text-sm text-gray-800" data-testid="pending-email">
            Waiting for confirmation of{" "}
            <strong className="[overflow-wrap:anywhere]">{profile.pendingEmail.newEmail}</strong> (link valid until{" "}
            <DateTime value={profile.pendingEmail.expiresAt} format="dateTime" /> UTC).
          </p>
        ) : null}
        <div className="mt-4">
          <EmailChangeForm />
        </div>
      </Card>
    </div>
  );
}
