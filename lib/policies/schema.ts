// Input schemas of policies: the privacy team's documents and drafts, and the banner.
import { z } from "zod";
import { checkbox, id, isoDay } from "../core/form";

export const documentInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and dashes")
    .max(60),
  title: z.string().trim().min(3, "Give the document a title").max(120),
});

export const draftInputSchema = z.object({
  // Browsers submit textarea line breaks as CRLF; store LF so diffs compare like with like.
  markdown: z
    .string()
    .min(1, "The policy text cannot be empty")
    .max(200_000)
    .transform((text) => text.replace(/\r\n?/g, "\n")),
  summary: z
    .string()
    .trim()
    .max(2000)
    .default("")
    .transform((text) => text.replace(/\r\n?/g, "\n")),
  isSubstantive: checkbox(),
  effectiveOn: z.union([z.literal(""), isoDay("Use a real date like 2027-01-31, before the year 10000.")]).default(""),
  overrideReason: z.string().trim().max(1000).default(""),
});
export type DraftInput = z.infer<typeof draftInputSchema>;

const slug = z.string().trim().min(1).max(60);

export const createDraftSchema = z.object({ slug });
export const saveDraftSchema = draftInputSchema.extend({ versionId: id() });
export const publishDraftSchema = z.object({
  versionId: id(),
  confirm: z.literal("on", { message: "Tick the box to confirm: a published version cannot be changed." }),
});
/** The editor's live preview: the text as typed. */
export const previewDraftSchema = z.object({ markdown: z.string().max(200_000) });
/** Sends the saved draft's notice to the admin alone. */
export const sendTestNoticeSchema = z.object({ versionId: id() });
export const discardDraftSchema = z.object({ versionId: id(), slug });

/** Hides a policy notice banner. */
export const dismissBannerSchema = z.object({ versionId: id() });
