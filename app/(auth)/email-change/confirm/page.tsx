import type { Metadata } from "next";
import { z } from "zod";
import { Card, MessageCard } from "@/components/ui";
import { getEmailChangeTokenState } from "@/lib/correction/profile";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { confirmEmailChangeAction } from "./actions";
import { ConfirmEmailChangeForm } from "./confirm-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your new email address" };

const searchSchema = z.object({ token: textParam(200).optional(), result: textParam(20).optional() });

// Keyed by outcome: "changed", or the AppError code confirmEmailChange threw.
const RESULTS: Record<"changed" | "expired" | "not_found" | "conflict", { title: string; body: string }> = {
  changed: {
    title: "Your email address was changed",
    body: "From now on, sign in with your new address. We told your previous address about the change.",
  },
  expired: {
    title: "This link has expired",
    body: "Confirmation links are valid for 24 hours. Ask for a new one on your profile page.",
  },
  not_found: {
    title: "This link no longer works",
    body: "It has already been used or is not valid. Ask for a new one on your profile page.",
  },
  conflict: {
    title: "This address cannot be used",
    body: "Another account already uses this email address. Your sign-in address was not changed.",
  },
};

function ResultMessage({ message }: { message: { title: string; body: string } }) {
  return (
    <MessageCard title={message.title} link={{ href: "/account/profile", label: "Go to your profile" }}>
      {message.body}
    </MessageCard>
  );
}

// Opening the link only shows this page; the change happens on the button's
// POST, so mail scanners that fetch links cannot use it up.
export default async function ConfirmEmailChangePage(props: { searchParams: Promise<SearchParams> }) {
  const {
    data: { token, result },
    invalid,
  } = parseSearchParams(searchSchema, await props.searchParams);
  if (result || invalid.includes("result")) {
    const message =
      result && Object.hasOwn(RESULTS, result) ? RESULTS[result as keyof typeof RESULTS] : RESULTS.not_found;
    return <ResultMessage message={message} />;
  }
  const state = token ? await getEmailChangeTokenState(token) : { state: "unknown" as const };
  if (state.state !== "valid")
    return <ResultMessage message={state.state === "expired" ? RESULTS.expired : RESULTS.not_found} />;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Confirm your new email address</h1>
        <p className="mt-3 text-gray-700">
          Use <strong className="break-all">{state.newEmail}</strong> to sign in to your privacy center from now on?
        </p>
        <ConfirmEmailChangeForm token={token ?? ""} action={confirmEmailChangeAction} />
      </Card>
    </div>
  );
}
