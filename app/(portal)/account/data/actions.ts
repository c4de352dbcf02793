"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, ok } from "@/lib/actions";
import { fileCorrectionRequest } from "@/lib/correction/requests";
import { correctionSchema } from "@/lib/correction/schema";
import { startExport } from "@/lib/export/access";

export const startExportAction = authedAction(z.object({}), async (_input, { viewer, ip }) => {
  const result = await startExport({ viewer, ip });
  revalidatePath("/account/data");
  return ok(result.created ? "Your export has started." : "An export is already being prepared.", {
    exportId: result.id,
  });
});

export const fileCorrectionAction = authedAction(correctionSchema, async (input, { viewer, ip }) => {
  const result = await fileCorrectionRequest({ viewer, ...input, ip });
  revalidatePath("/account/data");
  return ok("Thank you. We have filed your correction request; follow it, and its due date, under Privacy requests.", {
    requestId: result.requestId,
  });
});
