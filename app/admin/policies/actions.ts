"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction, ok } from "@/lib/actions";
import {
  createPolicyDocument,
  createPolicyDraft,
  discardPolicyDraft,
  documentInputSchema,
  draftInputSchema,
  publishPolicyDraft,
  updatePolicyDraft,
} from "@/lib/policies/admin";
import { id } from "@/lib/core/form";

const slug = z.string().trim().min(1).max(60);

export const createDocumentAction = adminAction(documentInputSchema, async (input, { viewer }) => {
  await createPolicyDocument({ admin: viewer, input });
  revalidatePath("/admin/policies");
  redirect(`/admin/policies/${input.slug}`);
});

export const createDraftAction = adminAction(z.object({ slug }), async (input, { viewer }) => {
  const draft = await createPolicyDraft({ admin: viewer, slug: input.slug });
  redirect(`/admin/policies/${input.slug}/v/${draft.version}`);
});

export const saveDraftAction = adminAction(draftInputSchema.extend({ versionId: id() }), async ({ versionId, ...input }, { viewer }) => {
  await updatePolicyDraft({ admin: viewer, versionId, input });
  revalidatePath("/admin/policies", "layout");
  return ok("Draft saved. The preview and the changes below show the saved text.");
});

export const publishDraftAction = adminAction(
  z.object({ versionId: id(), confirm: z.literal("on", { message: "Tick the box to confirm: a published version cannot be changed." }) }),
  async (input, { viewer }) => {
    const published = await publishPolicyDraft({ admin: viewer, versionId: input.versionId });
    revalidatePath("/", "layout");
    redirect(`/admin/policies/${published.slug}?published=${published.version}`);
  },
  { invalidMessage: "Confirm that you want to publish.", stepUp: true },
);

export const discardDraftAction = adminAction(z.object({ versionId: id(), slug }), async (input, { viewer }) => {
  await discardPolicyDraft({ admin: viewer, versionId: input.versionId });
  revalidatePath("/admin/policies", "layout");
  redirect(`/admin/policies/${input.slug}`);
});
