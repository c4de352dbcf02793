"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction, ok } from "@/lib/actions";
import {
  createPolicyDocument,
  createPolicyDraft,
  discardPolicyDraft,
  publishPolicyDraft,
  updatePolicyDraft,
} from "@/lib/policies/admin";
import {
  createDraftSchema,
  discardDraftSchema,
  documentInputSchema,
  publishDraftSchema,
  saveDraftSchema,
} from "@/lib/policies/schema";

export const createDocumentAction = adminAction(documentInputSchema, async (input, { viewer }) => {
  await createPolicyDocument({ admin: viewer, input });
  revalidatePath("/admin/policies");
  redirect(`/admin/policies/${input.slug}`);
});

export const createDraftAction = adminAction(createDraftSchema, async (input, { viewer }) => {
  const draft = await createPolicyDraft({ admin: viewer, slug: input.slug });
  redirect(`/admin/policies/${input.slug}/v/${draft.version}`);
});

export const saveDraftAction = adminAction(saveDraftSchema, async ({ versionId, ...input }, { viewer }) => {
  await updatePolicyDraft({ admin: viewer, versionId, input });
  revalidatePath("/admin/policies", "layout");
  return ok("Draft saved. The preview and the changes below show the saved text.");
});

export const publishDraftAction = adminAction(
  publishDraftSchema,
  async (input, { viewer }) => {
    const published = await publishPolicyDraft({ admin: viewer, versionId: input.versionId });
    revalidatePath("/", "layout");
    redirect(`/admin/policies/${published.slug}?published=${published.version}`);
  },
  { invalidMessage: "Confirm that you want to publish.", stepUp: true },
);

export const discardDraftAction = adminAction(discardDraftSchema, async (input, { viewer }) => {
  await discardPolicyDraft({ admin: viewer, versionId: input.versionId });
  revalidatePath("/admin/policies", "layout");
  redirect(`/admin/policies/${input.slug}`);
});
