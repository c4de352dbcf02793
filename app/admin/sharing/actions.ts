"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/actions";
import { createSharingEntry, sharingEntrySchema } from "@/lib/sharing/register";

export const addSharingEntry = adminAction(sharingEntrySchema, async (input, { viewer }) => {
  await createSharingEntry({ admin: viewer, input });
  revalidatePath("/admin/sharing");
  return ok(`${input.name} was added to the register.`);
});
