"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, ok } from "@/lib/actions";
import { fileCorrectionRequest } from "@/lib/correction/requests";
import { startExport } from "@/lib/export/access";

export const startExportAction = authedAction(z.object({}), async (_input, { viewer, ip }) => {
  const result = await startExport(viewer, { ip });
  revalidatePath("/account/data");
  return ok(result.created ? "Your export has started." : "An export is already being prepared.", { exportId: result.id });
});

const correctionSchema = z.object({
  dataset: z.string().trim().min(1).max(64),
  itemId: z.string().trim().min(1).max(200),
  details: z.string().trim().min(5, "Tell us what is wrong (at least 5 characters).").max(2000, "Please keep it under 2,000 characters."),
  correctValue: z.string().trim().max(500, "Please keep it under 500 characters.").optional().default(""),
});

export const fileCorrectionAction = authedAction(correctionSchema, async (input, { viewer, ip }) => {
  const result = await fileCorrectionRequest({ viewer, ...input, ip });
  revalidatePath("/account/data");
  return ok("Thank you. We have filed your correction request; follow it, and its due date, under Privacy requests.", { requestId: result.requestId });
});
