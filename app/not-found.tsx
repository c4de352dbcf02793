// Any address that leads nowhere: a page that does not exist, an id that is not
// yours or a link that was changed all look the same.
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md" data-testid="not-found">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">We could not find that page</h1>
        <p className="mt-3 text-gray-700">
          The address may be mistyped, or the link may be out of date or cut short when it was copied.
        </p>
        <ul className="mt-6 space-y-2 text-sm">
          <li>
            <Link className="font-semibold text-brand-700 underline" href="/account">
              Go to your privacy center
            </Link>
          </li>
          <li>
            <Link className="font-semibold text-brand-700 underline" href="/policies">
              Read our policies
            </Link>
          </li>
          <li>
            <Link className="font-semibold text-brand-700 underline" href="/">
              Go to the home page
            </Link>
          </li>
        </ul>
      </Card>
    </div>
  );
}
