"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/dal";
import { createSharingEntry, sharingEntrySchema } from "@/lib/sharing/register";

export type SharingFormState =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors?: Partial<Record<string, string[]>> }
  | null;

export async function addSharingEntry(_previous: SharingFormState, formData: FormData): Promise<SharingFormState> {
  const admin = await requireAdmin();
  const parsed = sharingEntrySchema.safeParse({
    name: formData.get("name"),
    address: formData.get("address"),
    kind: formData.get("kind"),
    dataCategories: formData.get("dataCategories"),
    purpose: formData.get("purpose"),
    isMarketing: formData.get("isMarketing") === "on",
    startsOn: formData.get("startsOn"),
  });
  if (!parsed.success) {
    return { ok: false, message: "Please fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  await createSharingEntry({ admin, input: parsed.data });
  revalidatePath("/admin/sharing");
  return { ok: true, message: `${parsed.data.name} was added to the register.` };
}
