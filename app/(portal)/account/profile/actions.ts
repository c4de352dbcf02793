"use server";

import { revalidatePath } from "next/cache";
import { authedAction, ok } from "@/lib/actions";
import { requestEmailChange, updateProfile } from "@/lib/correction/profile";
import { emailChangeSchema, profileSchema } from "@/lib/correction/schema";

const PROFILE_FIELDS = [
  "name",
  "displayName",
  "phone",
  "company",
  "addressLine",
  "city",
  "postalCode",
  "country",
] as const;

export const saveProfileAction = authedAction(
  profileSchema,
  async (input, { viewer, ip }) => {
    await updateProfile({ viewer, input, ip });
    revalidatePath("/account", "layout");
    return ok("Your details were saved.");
  },
  // The typed values go back so the form keeps them after React resets it.
  { echo: PROFILE_FIELDS },
);

export const changeEmailAction = authedAction(
  emailChangeSchema,
  async (input, { viewer, ip }) => {
    await requestEmailChange({ viewer, newEmail: input.newEmail, ip });
    revalidatePath("/account/profile");
    return ok(
      `We sent a confirmation link to ${input.newEmail}. Your address changes when you open it. We also told your current address.`,
    );
  },
  { echo: ["newEmail"], invalidMessage: "Please fix the highlighted field." },
);
