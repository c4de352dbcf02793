import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui";

export const metadata: Metadata = { title: "We can't create an account" };

export default function TooYoungPage() {
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Sorry, we can&apos;t create an account for you</h1>
        <p className="mt-3 text-gray-700">
          Our services are for people aged 13 and over, so we can&apos;t open an account for you yet. We have not kept
          anything you typed: not your email address and not your answer.
        </p>
        <p className="mt-3 text-gray-700">
          You are welcome to read how we look after people&apos;s information in our{" "}
          <Link className="font-medium text-brand-700 underline" href="/policies/privacy">
            privacy policy
          </Link>
          .
        </p>
        <p className="mt-3 text-gray-700">
          Parents: if your child under 13 gave us information, you can{" "}
          <Link className="font-medium text-brand-700 underline" href="/parents">
            ask us to remove it
          </Link>
          .
        </p>
      </Card>
    </div>
  );
}
