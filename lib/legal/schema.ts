// The legal-request register's form (shared by the server action and the domain).
import { z } from "zod";
import { day, id, optionalDay } from "../core/form";

export const LEGAL_DECISIONS = ["DISCLOSED", "PARTIAL", "REFUSED"] as const;
export type LegalDecision = (typeof LEGAL_DECISIONS)[number];

export const DECISION_LABELS: Record<LegalDecision, string> = {
  DISCLOSED: "Disclosed",
  PARTIAL: "Partially disclosed",
  REFUSED: "Refused",
};

const EMAIL = z.email();

export const legalRequestSchema = z
  .object({
    authority: z.string().trim().min(3, "Name the authority or party that made the request.").max(300),
    legalBasis: z.string().trim().min(3, "Give the legal basis (e.g. a subpoena, court order or statute).").max(1000),
    receivedAt: day("Enter the date it was received."),
    people: z
      .string({ message: "List the affected people." })
      .max(20_000)
      .transform((value) => [
        ...new Set(
          value
            .split(/[\s,;]+/)
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string()).min(1, "List the affected people by their account's email address.")),
    dataRequested: z.string().trim().min(3, "Say what data was requested.").max(5000),
    decision: z.enum(LEGAL_DECISIONS, { message: "Choose the decision." }),
    dataDisclosed: z.string().trim().max(5000).default(""),
    goodFaithReason: z.string().trim().max(5000).default(""),
    prohibitedUntil: optionalDay(),
    prohibitionNote: z.string().trim().max(2000).default(""),
  })
  .superRefine((input, ctx) => {
    const bad = input.people.filter((email) => !EMAIL.safeParse(email).success);
    if (bad.length)
      ctx.addIssue({
        code: "custom",
        path: ["people"],
        message: `Not an email address: ${bad.slice(0, 3).join(", ")}.`,
      });
    if (input.decision !== "REFUSED") {
      if (input.goodFaithReason.length < 20)
        ctx.addIssue({
          code: "custom",
          path: ["goodFaithReason"],
          message: "Any disclosure needs the good-faith reason it was required (20 characters or more).",
        });
      if (input.dataDisclosed.length < 3)
        ctx.addIssue({ code: "custom", path: ["dataDisclosed"], message: "Say what was disclosed." });
    }
    if (input.prohibitedUntil && input.prohibitionNote.length < 5)
      ctx.addIssue({
        code: "custom",
        path: ["prohibitionNote"],
        message: "Say what forbids telling the person (e.g. the order and its section).",
      });
  });

export type LegalRequestInput = z.output<typeof legalRequestSchema>;

export const notifyLegalRequestSchema = z.object({ legalRequestId: id() });
