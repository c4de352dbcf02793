import Link from "next/link";
import { Alert, PageHeader } from "@/components/ui";

export default function InvalidUnsubscribeLink() {
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title="This unsubscribe link is not valid" />
      <Alert tone="error" title="We could not read this link">
        It may have been changed, or cut short when it was copied. Nothing was changed.
      </Alert>
      <p className="text-gray-700">
        Use the link from the email itself, or{" "}
        <Link className="font-medium text-brand-700 underline" href="/account/preferences/email">
          sign in to manage your email preferences
        </Link>
        .
      </p>
    </div>
  );
}
