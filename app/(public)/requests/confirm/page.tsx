import type { Metadata } from "next";
import { z } from "zod";
import { Card, MessageCard } from "@/components/ui";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { getSubjectConfirmationState } from "@/lib/requests/public";
import { confirmSubjectRequestAction } from "../actions";
import { ConfirmSubjectForm } from "../forms";

export const metadata: Metadata = { title: "Confirm your request", robots: { index: false } };
export const dynamic = "force-dynamic";

// Opening the link only shows a button; the POST confirms, so mail scanners cannot.
export default async function SubjectConfirmPage(props: { searchParams: Promise<SearchParams> }) {
  const { token } = parseSearchParams(z.object({ token: textParam(250).optional() }), await props.searchParams).data;
  const value = token ?? "";
  const state = value ? await getSubjectConfirmationState(value) : "unknown";
  if (state !== "valid") {
    return (
      <MessageCard
        title={state === "expired" ? "This link has expired" : "This link no longer works"}
        link={{ href: "/requests/new", label: "Send a new request" }}
      >
        {state === "expired"
          ? "Confirmation links work for 24 hours."
          : "It has already been used or is not valid. If you already confirmed, use the link in our latest email to follow your request."}
      </MessageCard>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Confirm your request</h1>
        <p className="mt-3 text-gray-700">
          Confirm that this privacy request is yours. We then pass it to our privacy team, and email you a private link
          to follow it.
        </p>
        <div className="mt-6">
          <ConfirmSubjectForm token={value} action={confirmSubjectRequestAction} />
        </div>
      </Card>
    </div>
  );
}
