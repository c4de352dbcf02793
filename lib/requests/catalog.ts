// The kinds of privacy request, in plain words for the form and the timeline.
// (Content, like the data registry's descriptions.)
import type { Law } from "./deadlines";

export const REQUEST_TYPES = [
  "ACCESS",
  "CORRECTION",
  "DELETION",
  "RESTRICTION",
  "OBJECTION",
  "SHINE_THE_LIGHT",
  "QUESTION",
  "OPT_OUT_SALE",
  "OPT_IN_SALE",
] as const;
export type RequestTypeName = (typeof REQUEST_TYPES)[number];

/** What a signed-in person files at /account/requests/new. */
export const ACCOUNT_FORM_TYPES = [
  "ACCESS",
  "CORRECTION",
  "DELETION",
  "RESTRICTION",
  "OBJECTION",
  "SHINE_THE_LIGHT",
  "QUESTION",
] as const satisfies readonly RequestTypeName[];

/** What anyone files at /requests/new, identified by an email address (issue 19). */
export const PUBLIC_FORM_TYPES = [
  "ACCESS",
  "DELETION",
  "CORRECTION",
  "OBJECTION",
  "OPT_OUT_SALE",
] as const satisfies readonly RequestTypeName[];
export type PublicRequestType = (typeof PUBLIC_FORM_TYPES)[number];

export const REQUEST_TYPE_INFO: Record<RequestTypeName, { label: string; description: string }> = {
  ACCESS: {
    label: "A copy of my data",
    description:
      "We send you a complete copy of everything we hold about you, as a download (the same archive as “Download my data”, prepared and checked by our team).",
  },
  CORRECTION: {
    label: "Correct my data",
    description:
      "Something we hold about you is wrong or incomplete, and you cannot change it yourself. Tell us what and how.",
  },
  DELETION: {
    label: "Delete my data",
    description:
      "We delete your account and everything we hold about you, and email you a receipt. You can also do this yourself at once from “Delete account”.",
  },
  RESTRICTION: {
    label: "Stop using my data for now",
    description:
      "We keep your data but stop using it (for example while you contest its accuracy), until you tell us otherwise.",
  },
  OBJECTION: {
    label: "Object to how my data is used",
    description: "Object to a use of your data, including direct marketing (we stop at once) and usage statistics.",
  },
  SHINE_THE_LIGHT: {
    label: "Who got my data for their marketing (California)",
    description:
      "California residents: which third parties received your personal information for their own direct marketing last year, and what kinds.",
  },
  QUESTION: { label: "A question", description: "Anything else about your privacy or this policy." },
  OPT_OUT_SALE: {
    label: "Do not sell or share my personal information",
    description:
      "California residents: we stop selling or sharing your personal information, including for cross-context behavioural advertising, and record your choice.",
  },
  OPT_IN_SALE: {
    label: "Allow selling or sharing again",
    description: "Withdraws an earlier “do not sell or share” request.",
  },
};

export const LAW_CHOICES: { value: Law; label: string }[] = [
  { value: "GDPR", label: "European Union, EEA, UK or Switzerland (GDPR)" },
  { value: "CCPA", label: "California, USA (CCPA/CPRA)" },
  { value: "OTHER", label: "Somewhere else" },
];

export const OBJECTION_SCOPES = {
  DIRECT_MARKETING: "Direct marketing emails (product news, offers, blog notifications)",
  TELEMETRY: "Usage statistics from my clusters and CLI",
  ANALYTICS: "Analytics and advertising cookies",
} as const;
export type ObjectionScope = keyof typeof OBJECTION_SCOPES;

/** Lawful grounds for refusing a request, offered to the privacy team. */
export const DENIAL_REASONS = {
  IDENTITY_NOT_VERIFIED: "We could not verify your identity.",
  MANIFESTLY_UNFOUNDED: "The request is manifestly unfounded or excessive (GDPR Art. 12(5)).",
  LEGAL_OBLIGATION: "We must keep this data to meet a legal obligation.",
  LEGAL_CLAIMS: "We need this data to establish, exercise or defend legal claims.",
  OTHERS_RIGHTS: "Answering would adversely affect the rights and freedoms of others.",
  NOT_APPLICABLE: "This right does not apply to the data or the processing concerned.",
  OTHER: "Other (explained below).",
} as const;
export type DenialReason = keyof typeof DENIAL_REASONS;

/** How a request reached us (PrivacyRequest.channel), for the team's pages. */
export const CHANNEL_LABELS = {
  ACCOUNT: "Signed in, for themself",
  WEB_FORM: "Web form, by address (no account needed)",
  HUMAN_AGENT: "Web form, by an authorized agent",
  DRP_AGENT: "Data Rights Protocol agent",
} as const;
