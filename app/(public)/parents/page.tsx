import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { submitParentRequest } from "./actions";
import { ParentRequestForm } from "./forms";

export const metadata: Metadata = { title: "Remove my child's information" };

export default function ParentsPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Remove my child's information"
        description="Our services are not for children under 13. If you believe your child gave us personal information, tell us here and we will delete it. You do not need an account."
      />
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">What happens next</h2>
        <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm text-gray-800">
          <li>We email you a link to confirm your address. Nothing happens until you use it (within 24 hours).</li>
          <li>
            As soon as you confirm, we stop using any information held under the details you gave: no marketing, no
            usage statistics, nothing new collected.
          </li>
          <li>
            Our privacy team checks that you are the child&apos;s parent or guardian (we may contact you) and decides,
            usually within 10 business days.
          </li>
          <li>We delete the information, or first let you download it if you ask, and email you what was removed.</li>
        </ol>
        <p className="mt-3 text-sm text-gray-700">
          You follow your request through a private link we email you. We never tell anyone whether an account exists
          before your request has been checked.
        </p>
      </Card>
      <Card>
        <ParentRequestForm action={submitParentRequest} />
      </Card>
    </div>
  );
}
