"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getRequestIp } from "@/lib/auth/request-ip";
import { fileCorrectionRequest } from "@/lib/correction/requests";
import { verifySession } from "@/lib/dal";
import { ExportLimitError, MAX_EXPORTS_PER_DAY, startExport } from "@/lib/export/access";

export type StartExportState = { ok: true; exportId: string; message: string } | { ok: false; message: string } | null;

export async function startExportAction(_previous: StartExportState, _formData: FormData): Promise<StartExportState> {
  const viewer = await verifySession();
  try {
    const result = await startExport(viewer, { ip: getRequestIp(await headers()) });
    revalidatePath("/account/data");
    return { ok: true, exportId: result.id, message: result.created ? "Your export has started." : "An export is already being prepared." };
  } catch (error) {
    if (error instanceof ExportLimitError) return { ok: false, message: `You can start up to ${MAX_EXPORTS_PER_DAY} exports a day. Your latest archive is still available below.` };
    console.error("[export] start failed", error);
    return { ok: false, message: "We could not start the export. Please try again in a moment." };
  }
}

const correctionSchema = z.object({
  dataset: z.string().trim().min(1).max(64),
  itemId: z.string().trim().min(1).max(200),
  details: z.string().trim().min(5, "Tell us what is wrong (at least 5 characters).").max(2000, "Please keep it under 2,000 characters."),
  correctValue: z.string().trim().max(500, "Please keep it under 500 characters.").optional().default(""),
});

export type CorrectionState =
  | { ok: true; message: string; requestId: string }
  | { ok: false; message: string; fieldErrors?: Partial<Record<string, string[]>> }
  | null;

export async function fileCorrectionAction(_previous: CorrectionState, formData: FormData): Promise<CorrectionState> {
  const viewer = await verifySession();
  const parsed = correctionSchema.safeParse({
    dataset: formData.get("dataset"),
    itemId: formData.get("itemId"),
    details: formData.get("details"),
    correctValue: formData.get("correctValue") ?? "",
  });
  if (!parsed.success) return { ok: false, message: "Please fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const result = await fileCorrectionRequest({ viewer, ...parsed.data, ip: getRequestIp(await headers()) });
  if (!result.ok) {
    return result.code === "RATE_LIMITED"
      ? { ok: false, message: "You have filed many correction requests today. Please wait for our answer, or file a general request." }
      : { ok: false, message: "We could not find that item in your data." };
  }
  revalidatePath("/account/data");
  return { ok: true, requestId: result.requestId, message: "Thank you. We have filed your correction request and will answer within one month." };
}
