// Input schema of the sharing register (the privacy team's form).
import { z } from "zod";
import { checkbox, day } from "../core/form";

export const PARTY_KINDS = ["AFFILIATE", "AGENT", "PROCESSOR", "THIRD_PARTY"] as const;

export const sharingEntrySchema = z.object({
  name: z.string().trim().min(2, "Enter the party's name.").max(200),
  address: z.string().trim().min(5, "Enter a postal address.").max(500),
  kind: z.enum(PARTY_KINDS, { message: "Choose the kind of party." }),
  dataCategories: z
    .string()
    .trim()
    .min(1, "List at least one data category.")
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  purpose: z.string().trim().min(3, "Describe the purpose.").max(1000),
  isMarketing: checkbox(),
  startsOn: day("Enter the date sharing started."),
});
export type SharingEntryInput = z.infer<typeof sharingEntrySchema>;
