"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction, ok } from "@/lib/actions";
import { OBJECTION_SCOPES, REQUEST_TYPES, type ObjectionScope } from "@/lib/requests/catalog";
import { addMessageFromPerson, createPrivacyRequest, withdrawRequest } from "@/lib/requests/person";
import { id, list } from "@/lib/core/form";

const newRequestSchema = z
  .object({
    type: z.enum(REQUEST_TYPES, { message: "Choose what you would like us to do." }),
    law: z.enum(["GDPR", "CCPA", "OTHER"], { message: "Tell us where you live." }),
    details: z.string({ message: "Tell us a little more." }).trim().max(5000, "Please keep it under 5,000 characters."),
    objectionScope: list(z.enum(Object.keys(OBJECTION_SCOPES) as [ObjectionScope, ...ObjectionScope[]])),
  })
  .superRefine((input, context) => {
    if (["CORRECTION", "QUESTION", "RESTRICTION"].includes(input.type) && input.details.length < 10) {
      context.addIssue({ code: "custom", path: ["details"], message: "Tell us what this is about (at least 10 characters)." });
    }
    if (input.type === "OBJECTION" && input.objectionScope.length === 0 && input.details.length < 10) {
      context.addIssue({ code: "custom", path: ["objectionScope"], message: "Choose what you object to, or describe it below." });
    }
  });

export const createRequestAction = authedAction(newRequestSchema, async (input, { viewer, ip }) => {
  const request = await createPrivacyRequest({ viewer, type: input.type, law: input.law, details: input.details, objectionScope: input.objectionScope, ip });
  revalidatePath("/account/requests");
  redirect(`/account/requests/${request.id}?filed=1`);
}, { echo: ["details"] });

export const addMessageAction = authedAction(
  z.object({ requestId: id(), text: z.string().trim().min(2, "Write a message.").max(5000, "Please keep it under 5,000 characters.") }),
  async (input, { viewer, ip }) => {
    await addMessageFromPerson({ viewer, id: input.requestId, text: input.text, ip });
    revalidatePath(`/account/requests/${input.requestId}`);
    return ok("Sent. The privacy team sees it on your request.");
  },
);

export const withdrawRequestAction = authedAction(z.object({ requestId: id() }), async (input, { viewer, ip }) => {
  await withdrawRequest({ viewer, id: input.requestId, ip });
  revalidatePath(`/account/requests/${input.requestId}`);
  return ok("Your request is withdrawn.");
});
