import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui";
import { getViewer } from "@/lib/dal";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage(props: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getViewer()) redirect("/account");
  const { callbackUrl } = await props.searchParams;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Sign in</h1>
        <p className="mt-2 mb-6 text-gray-700">
          Enter the email address you use with us. New here? The same link creates your account.
        </p>
        <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      </Card>
    </div>
  );
}
