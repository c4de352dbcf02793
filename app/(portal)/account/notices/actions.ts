"use server";

import { revalidatePath } from "next/cache";
import { authedAction, ok } from "@/lib/actions";
import { acknowledgeBreachNotice } from "@/lib/breaches/person";
import { acknowledgeBreachSchema } from "@/lib/breaches/schema";

export const acknowledgeBreachAction = authedAction(acknowledgeBreachSchema, async (input, { viewer }) => {
  await acknowledgeBreachNotice({ viewer, breachId: input.breachId });
  revalidatePath("/account", "layout");
  return ok("Thank you. We have recorded that you read this notice.");
});
