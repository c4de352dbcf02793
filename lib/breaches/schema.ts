// The breach-notice form (shared by the server action and the domain functions).
import { z } from "zod";
import { categories } from "../data/registry";
import { day, id, list, optionalDay } from "../core/form";

export const BREACH_AUDIENCES = ["ALL", "LIST", "CATEGORIES"] as const;
export const CATEGORY_SLUGS = categories.map((category) => category.slug) as [string, ...string[]];
/** California (Civil Code 1798.82, from 2026): notify within 30 days of discovery. */
export const NOTIFY_WITHIN_DAYS = 30;

const EMAIL = z.email();

export const breachSchema = z
  .object({
    title: z.string().trim().min(3, "Give the breach a short title.").max(200, "At most 200 characters."),
    whatHappened: z.string().trim().min(20, "Describe what happened (20 characters or more).").max(5000),
    occurredFrom: day("Enter the date it happened (or began)."),
    occurredTo: optionalDay(),
    discoveredAt: day("Enter the date it was discovered."),
    dataInvolved: z.string().trim().min(5, "Say what data was involved.").max(5000),
    whatWeDid: z.string().trim().min(10, "Say what we did about it.").max(5000),
    whatToDo: z.string().trim().min(10, "Say what people should do.").max(5000),
    contact: z.string().trim().min(5, "Give a contact (an address, phone or email).").max(1000),
    audience: z.enum(BREACH_AUDIENCES, { message: "Choose who is affected." }),
    emails: z
      .string()
      .max(200_000)
      .optional()
      .transform((value) => [
        ...new Set(
          (value ?? "")
            .split(/[\s,;]+/)
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
        ),
      ]),
    categories: list(z.enum(CATEGORY_SLUGS, { message: "Unknown data category." })),
    audienceFrom: optionalDay(),
    audienceTo: optionalDay(),
  })
  .superRefine((input, ctx) => {
    if (input.occurredTo && input.occurredTo < input.occurredFrom)
      ctx.addIssue({ code: "custom", path: ["occurredTo"], message: "The end date is before the start date." });
    if (input.discoveredAt < input.occurredFrom)
      ctx.addIssue({
        code: "custom",
        path: ["discoveredAt"],
        message: "It cannot have been discovered before it happened.",
      });
    if (input.audience === "LIST") {
      if (!input.emails.length)
        ctx.addIssue({ code: "custom", path: ["emails"], message: "List the affected addresses, one per line." });
      const bad = input.emails.filter((email) => !EMAIL.safeParse(email).success);
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          path: ["emails"],
          message: `Not an email address: ${bad.slice(0, 3).join(", ")}${bad.length > 3 ? ` and ${bad.length - 3} more` : ""}.`,
        });
    }
    if (input.audience === "CATEGORIES") {
      if (!input.categories.length)
        ctx.addIssue({ code: "custom", path: ["categories"], message: "Choose at least one data category." });
      if (input.audienceFrom && input.audienceTo && input.audienceTo < input.audienceFrom)
        ctx.addIssue({ code: "custom", path: ["audienceTo"], message: "The end date is before the start date." });
    }
  });

export type BreachInput = z.output<typeof breachSchema>;

export const saveBreachSchema = z.object({ breachId: z.string().max(64).optional() }).and(breachSchema);

export const sendBreachSchema = z.object({
  breachId: id(),
  expectedRecipients: z.coerce.number().int().min(0),
  confirm: z.literal("on", {
    message: "Tick the box to confirm: the notice goes out to every person counted above and cannot be changed.",
  }),
});

/** The person acknowledges a notice in their portal. */
export const acknowledgeBreachSchema = z.object({ breachId: id() });
