"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction, ok } from "@/lib/actions";
import { addMessageFromPerson, createPrivacyRequest, withdrawRequest } from "@/lib/requests/person";
import { newRequestSchema, personMessageSchema, requestIdSchema } from "@/lib/requests/schema";

export const createRequestAction = authedAction(
  newRequestSchema,
  async (input, { viewer, ip }) => {
    const request = await createPrivacyRequest({
      viewer,
      type: input.type,
      law: input.law,
      details: input.details,
      objectionScope: input.objectionScope,
      ip,
    });
    revalidatePath("/account/requests");
    redirect(`/account/requests/${request.id}?filed=1`);
  },
  { echo: ["details"] },
);

export const addMessageAction = authedAction(personMessageSchema, async (input, { viewer, ip }) => {
  await addMessageFromPerson({ viewer, id: input.requestId, text: input.text, ip });
  revalidatePath(`/account/requests/${input.requestId}`);
  return ok("Sent. The privacy team sees it on your request.");
});

export const withdrawRequestAction = authedAction(requestIdSchema, async (input, { viewer, ip }) => {
  await withdrawRequest({ viewer, id: input.requestId, ip });
  revalidatePath(`/account/requests/${input.requestId}`);
  return ok("Your request is withdrawn.");
});
