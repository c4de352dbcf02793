"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/actions";
import { decideParentRequest } from "@/lib/parents/admin";
import { parentDecisionSchema } from "@/lib/parents/schema";

const DONE = {
  AWAITING_PARENT_REVIEW:
    "Approved. We are preparing the exports; the parent downloads them, then the deletion follows.",
  ERASING: "Approved. The matched accounts are being erased; the parent is emailed when it is done.",
  REJECTED: "Rejected. The parent has been told why, and processing of the matched accounts resumed.",
} as const;

export const decideParentRequestAction = adminAction(
  parentDecisionSchema,
  async (input, { viewer, ip }) => {
    const result = await decideParentRequest({ admin: viewer, input, ip });
    revalidatePath("/admin/parents", "layout");
    return ok(DONE[result.status as keyof typeof DONE]);
  },
  // Approving erases accounts.
  { stepUp: (input) => input.decision === "approve" },
);
