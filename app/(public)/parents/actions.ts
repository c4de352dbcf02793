"use server";

import { redirect } from "next/navigation";
import { ok, publicAction } from "@/lib/actions";
import { confirmDeletionByParent, confirmParentEmail, createParentRequest } from "@/lib/parents/requests";
import { parentLinkSchema, parentRequestSchema } from "@/lib/parents/schema";

const FIELDS = ["parentName", "parentEmail", "childIdentifiers", "relationship", "details"] as const;

export const submitParentRequest = publicAction(
  parentRequestSchema,
  async (input, { ip }) => {
    await createParentRequest({ input, ip });
    redirect("/parents/check-email");
  },
  { echo: FIELDS },
);

export const confirmParentRequestAction = publicAction(parentLinkSchema, async (input, { ip }) => {
  const { statusToken } = await confirmParentEmail({ token: input.token, ip });
  redirect(`/parents/status?token=${encodeURIComponent(statusToken)}&confirmed=1`);
});

export const confirmParentDeletionAction = publicAction(parentLinkSchema, async (input, { ip }) => {
  await confirmDeletionByParent({ token: input.token, ip });
  return ok("Thank you. We are deleting the information now and will email you when it is done.");
});
