"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, ok } from "@/lib/actions";
import { acknowledgeBreachNotice } from "@/lib/breaches/person";
import { id } from "@/lib/core/form";

export const acknowledgeBreachAction = authedAction(z.object({ breachId: id() }), async (input, { viewer }) => {
  await acknowledgeBreachNotice({ viewer, breachId: input.breachId });
  revalidatePath("/account", "layout");
  return ok("Thank you. We have recorded that you read this notice.");
});
