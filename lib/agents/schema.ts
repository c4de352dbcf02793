// Input schemas of the agents domain: the DRP bodies (read after their signature is verified),
// the route parameters, and the privacy team's forms.
import { z } from "zod";
import { DRP_EXERCISES, normaliseExercise, UNSUPPORTED_EXERCISES } from "./exercise";
import { normaliseVerifyKey } from "./signature";

/** A DRP agent-id: the Service Directory's ids are `[A-Z_]+`; we also allow digits and dashes. */
export const agentIdSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const requestIdSchema = z.string().uuid();

const timestamp = z.string().max(64);

/** Every signed message (3.07) names the agent, the business and its window. */
const envelope = {
  "agent-id": z.string().max(64),
  "business-id": z.string().max(200),
  "issued-at": timestamp,
  "expires-at": timestamp,
};

/** 2.05 Pair-wise key setup. */
export const keySetupSchema = z.object({ ...envelope, "drp.version": z.string().max(16).optional() });

const flag = z.boolean().optional();

/** An OpenID Connect address claim (3.04), or a formatted one-line address. */
const addressClaim = z.union([
  z.string().max(500),
  z
    .object({
      formatted: z.string().max(500).optional(),
      street_address: z.string().max(300).optional(),
      locality: z.string().max(100).optional(),
      region: z.string().max(100).optional(),
      postal_code: z.string().max(20).optional(),
      country: z.string().max(100).optional(),
    })
    .strip(),
]);

/** 2.01 Data Rights Exercise, with the schema.org/Person identity claims of 3.04. */
export const exerciseSchema = z.object({
  ...envelope,
  "drp.version": z.string().max(16).optional(),
  "agent-request-id": z.string().trim().min(1).max(200).optional(),
  exercise: z
    .string()
    .max(40)
    .transform(normaliseExercise)
    .superRefine((value, context) => {
      if (!(DRP_EXERCISES as readonly string[]).includes(value))
        context.addIssue({
          code: "custom",
          message: (UNSUPPORTED_EXERCISES as readonly string[]).includes(value) ? "unsupported" : "unknown",
        });
    })
    .transform((value) => value as (typeof DRP_EXERCISES)[number]),
  regime: z.string().max(32).optional(),
  relationships: z.array(z.string().max(100)).max(20).optional(),
  status_callback: z.string().url().max(2000).optional(),
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().toLowerCase().email().max(320),
  email_verified: flag,
  phone_number: z.string().trim().max(32).optional(),
  phone_number_verified: flag,
  address: addressClaim.optional(),
  address_verified: flag,
  power_of_attorney: z.string().max(2000).optional(),
});
export type ExerciseClaims = z.infer<typeof exerciseSchema>;

/** 2.04 Data Rights Revoke. */
export const revokeSchema = z.object({ reason: z.string().max(2000).optional() }).passthrough();

const verifyKey = z
  .string({ message: "Paste the agent's Ed25519 verify key." })
  .trim()
  .transform((value, context) => {
    const key = normaliseVerifyKey(value);
    if (!key) {
      context.addIssue({ code: "custom", message: "Paste a 32-byte Ed25519 public key: 64 hex characters." });
      return z.NEVER;
    }
    return key;
  });

export const registerAgentSchema = z.object({
  agentId: z
    .string({ message: "Enter the agent's DRP id." })
    .trim()
    .min(2, "Enter the agent's DRP id.")
    .max(64, "Keep the id under 64 characters.")
    .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, _ and - only (the id of the DRP Service Directory)."),
  name: z
    .string({ message: "Enter the agent's name." })
    .trim()
    .min(2, "Enter the agent's name.")
    .max(200, "Keep the name under 200 characters."),
  contact: z
    .string({ message: "Enter a contact at the agent (an email address or a URL)." })
    .trim()
    .min(3, "Enter a contact at the agent (an email address or a URL).")
    .max(320, "Keep the contact under 320 characters."),
  verifyKey,
});

export const agentIdFormSchema = z.object({ agentId: agentIdSchema });
export const rotateKeySchema = z.object({ agentId: agentIdSchema, verifyKey });
