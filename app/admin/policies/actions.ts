"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction, ok } from "@/lib/actions";
import {
  createPolicyDocument,
  createPolicyDraft,
  discardPolicyDraft,
  publishPolicyDraft,
  sendPolicyTestNotice,
  updatePolicyDraft,
} from "@/lib/policies/admin";
import { layoutPolicy } from "@/lib/policies/markdown";
import {
  createDraftSchema,
  discardDraftSchema,
  documentInputSchema,
  previewDraftSchema,
  publishDraftSchema,
  saveDraftSchema,
  sendTestNoticeSchema,
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
  return ok("Draft saved. The changes and the email below show the saved text.");
});

/** The live preview of the editor: the text as the public page would show it (nothing is saved). */
export const previewDraftAction = adminAction(previewDraftSchema, async ({ markdown }) =>
  ok("Preview updated.", layoutPolicy(markdown)),
);

export const sendTestNoticeAction = adminAction(sendTestNoticeSchema, async ({ versionId }, { viewer }) => {
  const sent = await sendPolicyTestNotice({ admin: viewer, versionId });
  return ok(`A test was sent to ${sent.to}.`);
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
