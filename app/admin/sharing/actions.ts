"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/actions";
import { createSharingEntry } from "@/lib/sharing/register";
import { sharingEntrySchema } from "@/lib/sharing/schema";

export const addSharingEntry = adminAction(sharingEntrySchema, async (input, { viewer }) => {
  await createSharingEntry({ admin: viewer, input });
  revalidatePath("/admin/sharing");
  return ok(`${input.name} was added to the register.`);
});
