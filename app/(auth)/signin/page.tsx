import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { Card } from "@/components/ui";
import { getViewer } from "@/lib/dal";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage(props: { searchParams: Promise<SearchParams> }) {
  if (await getViewer()) redirect("/account");
  const { callbackUrl } = parseSearchParams(
    z.object({ callbackUrl: textParam(2000).optional() }),
    await props.searchParams,
  ).data;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Sign in</h1>
        <p className="mt-2 mb-6 text-gray-700">
          Enter the email address you use with us. New here? The same link creates your account.
        </p>
        <SignInForm callbackUrl={callbackUrl} />
      </Card>
    </div>
  );
}
