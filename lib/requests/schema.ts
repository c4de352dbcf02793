// Input schemas of privacy requests: the person's forms and the privacy team's actions.
import { z } from "zod";
import { checkbox, id, list, optionalText } from "../core/form";
import {
  ACCOUNT_FORM_TYPES,
  DENIAL_REASONS,
  OBJECTION_SCOPES,
  PUBLIC_FORM_TYPES,
  type DenialReason,
  type ObjectionScope,
} from "./catalog";

export const newRequestSchema = z
  .object({
    type: z.enum(ACCOUNT_FORM_TYPES, { message: "Choose what you would like us to do." }),
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

// ------------------------------------------ requests without an account (issue 19) --

const email = (missing: string) =>
  z
    .string({ message: missing })
    .trim()
    .toLowerCase()
    .min(1, missing)
    .max(254, "That address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com."));
const personName = (max = 120) => optionalText(max, `Please keep the name under ${max} characters.`);

/** The public form at /requests/new (the permission file, when an agent files, is checked apart: see permission.ts). */
export const publicRequestSchema = z
  .object({
    type: z.enum(PUBLIC_FORM_TYPES, { message: "Choose what you would like us to do." }),
    law: z.enum(["GDPR", "CCPA", "OTHER"], { message: "Tell us where you live." }),
    filingFor: z.enum(["self", "other"], { message: "Tell us whether you are filing for yourself." }),
    email: email("Enter the email address the request is about."),
    name: personName(),
    agentName: personName(),
    agentEmail: optionalText(254, "That address is too long.").transform((value) => value?.toLowerCase() ?? null),
    details: optionalText(5000, "Please keep it under 5,000 characters.").transform((value) => value ?? ""),
    /** The permission file's bytes (the action reads the upload into this field; see app/(public)/requests/actions.ts). */
    permission: z.custom<Uint8Array>((value) => value instanceof Uint8Array).optional(),
    confirm: checkbox().refine((value) => value, "Confirm that the information is true."),
  })
  .superRefine((input, context) => {
    if (input.type === "CORRECTION" && input.details.length < 10)
      context.addIssue({
        code: "custom",
        path: ["details"],
        message: "Tell us what is wrong and how to correct it (at least 10 characters).",
      });
    if (input.filingFor === "other") {
      if (!input.agentName || input.agentName.length < 2)
        context.addIssue({ code: "custom", path: ["agentName"], message: "Enter your name (the agent's)." });
      if (!input.agentEmail || !z.email().safeParse(input.agentEmail).success)
        context.addIssue({
          code: "custom",
          path: ["agentEmail"],
          message: "Enter your email address (the agent's), like name@example.com.",
        });
      else if (input.agentEmail === input.email)
        context.addIssue({
          code: "custom",
          path: ["agentEmail"],
          message: "Enter your own address here, and the consumer's address above.",
        });
    }
  });
export type PublicRequestForm = z.output<typeof publicRequestSchema>;

/** The token of an emailed confirmation link or a private status link. */
export const subjectLinkSchema = z.object({ token: z.string().min(1).max(300) });
