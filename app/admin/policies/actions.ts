"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAdmin } from "@/lib/dal";
import {
  createPolicyDocument,
  createPolicyDraft,
  discardPolicyDraft,
  documentInputSchema,
  draftInputSchema,
  publishPolicyDraft,
  updatePolicyDraft,
} from "@/lib/policies/admin";
import { PolicyError } from "@/lib/policies/errors";

export type PolicyFormState =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors?: Partial<Record<string, string[]>> }
  | null;

function fromError(error: unknown): PolicyFormState {
  if (error instanceof PolicyError) {
    return { ok: false, message: error.message, fieldErrors: error.field ? { [error.field]: [error.message] } : undefined };
  }
  throw error;
}

export async function createDocumentAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const admin = await requireAdmin();
  const parsed = documentInputSchema.safeParse({ slug: formData.get("slug"), title: formData.get("title") });
  if (!parsed.success) return { ok: false, message: "Please fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await createPolicyDocument({ admin, input: parsed.data });
  } catch (error) {
    return fromError(error);
  }
  revalidatePath("/admin/policies");
  redirect(`/admin/policies/${parsed.data.slug}`);
}

export async function createDraftAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const admin = await requireAdmin();
  const slug = z.string().min(1).max(60).safeParse(formData.get("slug"));
  if (!slug.success) return { ok: false, message: "Unknown document." };
  let version: number;
  try {
    version = (await createPolicyDraft({ admin, slug: slug.data })).version;
  } catch (error) {
    return fromError(error);
  }
  redirect(`/admin/policies/${slug.data}/v/${version}`);
}

const idSchema = z.string().min(1).max(64);

export async function saveDraftAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const admin = await requireAdmin();
  const versionId = idSchema.safeParse(formData.get("versionId"));
  const parsed = draftInputSchema.safeParse({
    markdown: formData.get("markdown"),
    summary: formData.get("summary") ?? "",
    isSubstantive: formData.get("isSubstantive") === "on",
    effectiveOn: formData.get("effectiveOn") ?? "",
    overrideReason: formData.get("overrideReason") ?? "",
  });
  if (!versionId.success) return { ok: false, message: "Unknown draft." };
  if (!parsed.success) return { ok: false, message: "Please fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await updatePolicyDraft({ admin, versionId: versionId.data, input: parsed.data });
  } catch (error) {
    return fromError(error);
  }
  revalidatePath("/admin/policies", "layout");
  return { ok: true, message: "Draft saved. The preview and the changes below show the saved text." };
}

export async function publishDraftAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const admin = await requireAdmin();
  const versionId = idSchema.safeParse(formData.get("versionId"));
  if (!versionId.success) return { ok: false, message: "Unknown draft." };
  if (formData.get("confirm") !== "on") {
    return { ok: false, message: "Confirm that you want to publish.", fieldErrors: { confirm: ["Tick the box to confirm: a published version cannot be changed."] } };
  }
  let published: Awaited<ReturnType<typeof publishPolicyDraft>>;
  try {
    published = await publishPolicyDraft({ admin, versionId: versionId.data });
  } catch (error) {
    return fromError(error);
  }
  revalidatePath("/", "layout");
  redirect(`/admin/policies/${published.slug}?published=${published.version}`);
}

export async function discardDraftAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const admin = await requireAdmin();
  const versionId = idSchema.safeParse(formData.get("versionId"));
  const slug = z.string().min(1).max(60).safeParse(formData.get("slug"));
  if (!versionId.success || !slug.success) return { ok: false, message: "Unknown draft." };
  try {
    await discardPolicyDraft({ admin, versionId: versionId.data });
  } catch (error) {
    return fromError(error);
  }
  revalidatePath("/admin/policies", "layout");
  redirect(`/admin/policies/${slug.data}`);
}
