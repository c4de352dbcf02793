"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions";
import { confirmEmailChange } from "@/lib/correction/profile";
import { emailChangeTokenSchema } from "@/lib/correction/schema";
import { isAppError } from "@/lib/core/errors";

// No session needed: the emailed token proves the new address. Every outcome,
// refusals included, lands on the result page for that outcome.
export const confirmEmailChangeAction = publicAction(
  emailChangeTokenSchema,
  async (input, { ip }) => {
    try {
      await confirmEmailChange({ token: input.token, ip });
    } catch (error) {
      if (isAppError(error)) redirect(`/email-change/confirm?result=${error.code.toLowerCase()}`);
      throw error;
    }
    redirect("/email-change/confirm?result=changed");
  },
  { invalidMessage: "This link is not complete. Open it again from your email." },
);
