import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Check your email</h1>
        <p className="mt-3 text-gray-700">
          If the address can receive email, a sign-in link is on its way. It works once and expires in 10 minutes.
        </p>
        <p className="mt-3 text-sm text-gray-700">
          Nothing arrived? Check your spam folder, or{" "}
          <Link className="font-medium text-brand-700 underline" href="/signin">
            request a new link
          </Link>
          .
        </p>
      </Card>
    </div>
  );
}
