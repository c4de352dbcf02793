import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui";

export const metadata: Metadata = { title: "Sign-in problem" };

const messages: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Links work once, for 10 minutes.",
  AccessDenied: "You cannot sign in with this account.",
  Configuration: "Sign-in is not available right now. Please try again later.",
};

export default async function SignInErrorPage(props: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await props.searchParams;
  const message = (error && messages[error]) || "Something went wrong while signing you in.";
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">We could not sign you in</h1>
        <p className="mt-3 text-gray-700">{message}</p>
        <Link className="mt-6 inline-block font-semibold text-brand-700 underline" href="/signin">Get a new sign-in link</Link>
      </Card>
    </div>
  );
}
