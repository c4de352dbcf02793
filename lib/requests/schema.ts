// Input schemas of privacy requests: the person's forms and the privacy team's actions.
import { z } from "zod";
import { checkbox, id, list, optionalText } from "../core/form";
import { DENIAL_REASONS, OBJECTION_SCOPES, REQUEST_TYPES, type DenialReason, type ObjectionScope } from "./catalog";

export const newRequestSchema = z
  .object({
    type: z.enum(REQUEST_TYPES, { message: "Choose what you would like us to do." }),
    law: z.enum(["GDPR", "CCPA", "OTHER"], { message: "Tell us where you live." }),
    details: z.string({ message: "Tell us a little more." }).trim().max(5000, "Please keep it under 5,000 characters."),
    objectionScope: list(z.enum(Object.keys(OBJECTION_SCOPES) as [ObjectionScope, ...ObjectionScope[]])),
  })
  .superRefine((input, context) => {
    if (["CORRECTION", "QUESTION", "RESTRICTION"].includes(input.type) && input.details.length < 10) {
      context.addIssue({
        code: "custom",
        path: ["details"],
        message: "Tell us what this is about (at least 10 characters).",
      });
    }
    if (input.type === "OBJECTION" && input.objectionScope.length === 0 && input.details.length < 10) {
      context.addIssue({
        code: "custom",
        path: ["objectionScope"],
        message: "Choose what you object to, or describe it below.",
      });
    }
  });

export const personMessageSchema = z.object({
  requestId: id(),
  text: z.string().trim().min(2, "Write a message.").max(5000, "Please keep it under 5,000 characters."),
});

/** A request named by id, for actions that need nothing else (withdraw; start, complete processing, export). */
export const requestIdSchema = z.object({ requestId: id() });

// ------------------------------------------------------------ the privacy team --

const requestId = id();

export const assignRequestSchema = z.object({
  requestId,
  assigneeId: z
    .string()
    .max(64)
    .transform((value) => value || null),
});
export const verifyIdentitySchema = z.object({
  requestId,
  method: z.string().trim().min(5, "Say how you verified the person's identity.").max(500),
});
export const extendRequestSchema = z.object({
  requestId,
  reason: z.string().trim().min(10, "Give the reason for the extension (the person sees it).").max(2000),
});
export const denyRequestSchema = z.object({
  requestId,
  reason: z.enum(Object.keys(DENIAL_REASONS) as [DenialReason, ...DenialReason[]], {
    message: "Choose the reason for the denial.",
  }),
  note: optionalText(2000),
});
export const teamMessageSchema = z.object({
  requestId,
  text: z.string().trim().min(2, "Write a message.").max(5000),
  awaitReply: checkbox(),
});
export const answerRequestSchema = z.object({
  requestId,
  resolution: z.string().trim().min(10, "Say what was done (the person sees it).").max(5000),
});
export const deletionRequestSchema = z.object({
  requestId,
  confirm: z.literal("on", { message: "Tick the box to confirm: the account is erased for good." }),
});
export const shineTheLightSchema = z.object({
  requestId,
  cover: z.string().trim().min(10, "Write the cover text.").max(4000),
});
