"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/dal";
import { controlNoticeCampaign, setNoticeCampaignRate } from "@/lib/notices/campaign";

export type NoticeFormState = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: Partial<Record<string, string[]>> } | null;

export async function controlCampaignAction(_previous: NoticeFormState, formData: FormData): Promise<NoticeFormState> {
  const admin = await requireAdmin();
  const parsed = z.object({ campaignId: z.string().min(1).max(64), action: z.enum(["pause", "resume", "cancel"]) }).safeParse({
    campaignId: formData.get("campaignId"),
    action: formData.get("action"),
  });
  if (!parsed.success) return { ok: false, message: "Unknown action." };
  const changed = await controlNoticeCampaign({ admin, campaignId: parsed.data.campaignId, action: parsed.data.action });
  revalidatePath(`/admin/notices/${parsed.data.campaignId}`);
  if (!changed) return { ok: false, message: "The campaign is not in a state that allows this." };
  const done = { pause: "Paused: no new messages go out until you resume.", resume: "Resumed.", cancel: "Cancelled: messages not yet sent will not be sent." }[parsed.data.action];
  return { ok: true, message: done };
}

export async function setRateAction(_previous: NoticeFormState, formData: FormData): Promise<NoticeFormState> {
  const admin = await requireAdmin();
  const parsed = z.object({ campaignId: z.string().min(1).max(64), ratePerSecond: z.coerce.number().int("Whole messages per second").min(1, "At least 1").max(10_000, "At most 10,000") }).safeParse({
    campaignId: formData.get("campaignId"),
    ratePerSecond: formData.get("ratePerSecond"),
  });
  if (!parsed.success) return { ok: false, message: "Please fix the rate.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  await setNoticeCampaignRate({ admin, ...parsed.data });
  revalidatePath(`/admin/notices/${parsed.data.campaignId}`);
  return { ok: true, message: `Rate set to ${parsed.data.ratePerSecond} messages per second.` };
}
