import type { Metadata } from "next";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui";
import { getEditableProfile } from "@/lib/correction/profile";
import { verifySession } from "@/lib/dal";
import { ACCOUNT_FORM_TYPES, LAW_CHOICES, OBJECTION_SCOPES, REQUEST_TYPE_INFO } from "@/lib/requests/catalog";
import { defaultLawFor } from "@/lib/requests/deadlines";
import { parseSearchParams, type SearchParams } from "@/lib/core/params";
import { createRequestAction } from "../actions";
import { NewRequestForm } from "./request-form";

export const metadata: Metadata = { title: "New privacy request" };

const searchSchema = z.object({ type: z.enum(ACCOUNT_FORM_TYPES).default("ACCESS") });

export default async function NewRequestPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await verifySession();
  const [search, profile] = await Promise.all([props.searchParams, getEditableProfile({ viewer })]);
  const defaultType = parseSearchParams(searchSchema, search).data.type;
  return (
    <div className="space-y-6">
      <PageHeader
        title="New privacy request"
        description="Choose what you would like. We email you at every step, and you can follow the request and its legal deadline here."
      />
      <Card>
        <NewRequestForm
          action={createRequestAction}
          types={ACCOUNT_FORM_TYPES.map((value) => ({ value, ...REQUEST_TYPE_INFO[value] }))}
          laws={LAW_CHOICES}
          scopes={Object.entries(OBJECTION_SCOPES).map(([value, label]) => ({ value, label }))}
          defaultLaw={defaultLawFor(profile?.profile?.country)}
          defaultType={defaultType}
        />
      </Card>
    </div>
  );
}
