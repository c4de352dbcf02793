// The public form and the privacy team's decision, validated with zod.
import { z } from "zod";
import { checkbox, optionalText } from "../core/form";
import { parseChildIdentifiers } from "./identifiers";

export const MAX_CHILD_IDENTIFIERS = 10;

const identifiersField = z
  .string({ message: "Enter at least one email address or username your child used." })
  .trim()
  .min(1, "Enter at least one email address or username your child used.")
  .max(2000, "Please keep the list under 2,000 characters.")
  .superRefine((text, context) => {
    const identifiers = parseChildIdentifiers(text);
    if (identifiers.length === 0)
      context.addIssue({ code: "custom", message: "Enter at least one email address or username your child used." });
    if (identifiers.length > MAX_CHILD_IDENTIFIERS)
      context.addIssue({ code: "custom", message: `Enter at most ${MAX_CHILD_IDENTIFIERS} addresses or usernames.` });
    for (const identifier of identifiers) {
      if (identifier.kind === "email" && !z.email().safeParse(identifier.value).success) {
        context.addIssue({
          code: "custom",
          message: `"${identifier.value.slice(0, 60)}" is not a valid email address.`,
        });
      }
      if (identifier.kind === "username" && (identifier.value.length > 64 || /\s/.test(identifier.value))) {
        context.addIssue({
          code: "custom",
          message: "Usernames have no spaces and at most 64 characters; put each on its own line.",
        });
      }
    }
  });

export const parentRequestSchema = z.object({
  parentName: z
    .string({ message: "Enter your name." })
    .trim()
    .min(2, "Enter your name.")
    .max(120, "Please keep your name under 120 characters."),
  parentEmail: z
    .string({ message: "Enter your email address." })
    .trim()
    .toLowerCase()
    .max(254, "That address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  childIdentifiers: identifiersField,
  relationship: z
    .string({ message: "Tell us how you are related to the child." })
    .trim()
    .min(10, "Tell us how you are related to the child (at least 10 characters).")
    .max(1000, "Please keep this under 1,000 characters."),
  details: optionalText(4000, "Please keep the details under 4,000 characters."),
  wants: z.enum(["delete", "review"], { message: "Choose what you would like us to do." }),
  isParent: checkbox().refine((value) => value, "Confirm that you are the child's parent or legal guardian."),
});
export type ParentRequestInput = z.output<typeof parentRequestSchema>;

/** Methods of verifying a parent listed in 16 CFR 312.5(b)(2), plus "other" with a note. */
export const VERIFICATION_METHODS = {
  SIGNED_CONSENT_FORM: "Signed consent form returned by mail, fax or electronic scan",
  PAYMENT_CARD: "Credit card, debit card or other online payment system transaction",
  TOLL_FREE_CALL: "Call to a toll-free number staffed by trained personnel",
  VIDEO_CONFERENCE: "Video conference with trained personnel",
  GOVERNMENT_ID: "Government-issued identification checked against a database (then deleted)",
  KNOWLEDGE_BASED: "Knowledge-based authentication questions",
  FACE_MATCH: "Face match of a photo to government-issued identification (then deleted)",
  OTHER: "Other (describe in the note)",
} as const;
export type VerificationMethod = keyof typeof VERIFICATION_METHODS;

export const parentDecisionSchema = z
  .object({
    requestId: z.string().trim().min(1).max(64),
    decision: z.enum(["approve", "reject"], { message: "Choose approve or reject." }),
    verificationMethod: z
      .enum(Object.keys(VERIFICATION_METHODS) as [VerificationMethod, ...VerificationMethod[]], {
        message: "Choose how you verified that this is the child's parent.",
      })
      .optional(),
    verificationNote: optionalText(2000, "Please keep the note under 2,000 characters."),
    reason: optionalText(2000, "Please keep the reason under 2,000 characters."),
  })
  .superRefine((input, context) => {
    if (input.decision === "approve" && !input.verificationMethod)
      context.addIssue({
        code: "custom",
        path: ["verificationMethod"],
        message: "Choose how you verified that this is the child's parent.",
      });
    if (input.verificationMethod === "OTHER" && (input.verificationNote ?? "").length < 10)
      context.addIssue({
        code: "custom",
        path: ["verificationNote"],
        message: "Describe the method you used (at least 10 characters).",
      });
    if (input.decision === "reject" && (input.reason ?? "").length < 10)
      context.addIssue({
        code: "custom",
        path: ["reason"],
        message: "Give the reason for rejecting (at least 10 characters); the parent sees it.",
      });
  });

/** The token of a parent's emailed link (confirming the address, confirming the deletion). */
export const parentLinkSchema = z.object({ token: z.string().min(1).max(300) });
