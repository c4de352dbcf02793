import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { LAW_CHOICES, PUBLIC_FORM_TYPES, REQUEST_TYPE_INFO } from "@/lib/requests/catalog";
import { MAX_PERMISSION_BYTES } from "@/lib/requests/permission";
import { submitPublicRequest } from "../actions";
import { PublicRequestForm } from "../forms";

export const metadata: Metadata = { title: "Make a privacy request" };

export default function NewPublicRequestPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Make a privacy request"
        description="See, delete or correct what we hold about you, object to how it is used, or tell us not to sell or share it. You do not need an account: we identify you by your email address."
      />
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">What happens next</h2>
        <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm text-gray-800">
          <li>
            We email a link to the address you give. Nothing is looked up, shown or deleted until it is used (within 24
            hours).
          </li>
          <li>
            Once confirmed, the request goes to our privacy team with the legal deadline, and you follow it through a
            private link we email you.
          </li>
          <li>
            We look for the address in everything we keep (newsletter, event sign-ups, contact messages, and an account
            with the same confirmed address) and answer: a copy, a deletion, a correction or a record of your choice.
          </li>
        </ol>
        <p className="mt-3 text-sm text-gray-700">
          Filing for someone else? The consumer still confirms their own address by the link, and the results go to
          them. Have an account? You can also sign in and use your privacy center.
        </p>
      </Card>
      <Card>
        <PublicRequestForm
          action={submitPublicRequest}
          types={PUBLIC_FORM_TYPES.map((value) => ({ value, ...REQUEST_TYPE_INFO[value] }))}
          laws={LAW_CHOICES}
          maxUploadMb={MAX_PERMISSION_BYTES / 1024 / 1024}
        />
      </Card>
    </div>
  );
}
