import type { Metadata } from "next";
import { z } from "zod";
import { Card, MessageCard } from "@/components/ui";
import { getConfirmationState } from "@/lib/parents/requests";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { confirmParentRequestAction } from "../actions";
import { ConfirmLinkForm } from "../forms";

export const metadata: Metadata = { title: "Confirm your request", robots: { index: false } };
export const dynamic = "force-dynamic";

// Opening the link only shows a button; the POST confirms, so mail scanners cannot.
export default async function ParentConfirmPage(props: { searchParams: Promise<SearchParams> }) {
  const { token } = parseSearchParams(z.object({ token: textParam(200).optional() }), await props.searchParams).data;
  const value = token ?? "";
  const state = value ? await getConfirmationState(value) : "unknown";
  if (state !== "valid") {
    return (
      <MessageCard
        title={state === "expired" ? "This link has expired" : "This link no longer works"}
        link={{ href: "/parents", label: "Send a new request" }}
      >
        {state === "expired"
          ? "Confirmation links work for 24 hours."
          : "It has already been used or is not valid. If you already confirmed, use the link in our second email to follow your request."}
      </MessageCard>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Confirm your request</h1>
        <p className="mt-3 text-gray-700">
          Confirm that you sent the request to remove your child&apos;s information. We then pass it to our privacy
          team.
        </p>
        <div className="mt-6">
          <ConfirmLinkForm
            token={value}
            action={confirmParentRequestAction}
            label="Confirm my request"
            pendingLabel="Confirming…"
          />
        </div>
      </Card>
    </div>
  );
}
