// The public "Who we share with" page (/privacy/sharing), generated from the
// sharing register: entries in force, grouped the way the law describes them.
import "server-only";
import { findActiveSharingEntries } from "./register";

export type SharingSection = "affiliates" | "service-providers" | "aggregate" | "third-parties";

export const SHARING_SECTIONS: { key: SharingSection; title: string; description: string }[] = [
  { key: "affiliates", title: "Affiliates", description: "Companies under common ownership or control with us." },
  {
    key: "service-providers",
    title: "Agents and processors",
    description: "Companies that handle data on our behalf and only as we instruct them, under contract.",
  },
  {
    key: "aggregate",
    title: "Partners who receive only anonymized or aggregate data",
    description:
      "They never receive anything that identifies you: only figures about many people or installs together.",
  },
  {
    key: "third-parties",
    title: "Other third parties",
    description: "Companies that use the data for their own purposes, only where you agreed.",
  },
];

/** Anonymized or aggregate data only: every data category of the entry says so. */
const AGGREGATE = /\b(anonymi[sz]ed|aggregate[sd]?|de-identified)\b/i;

export function sharingSectionOf(entry: { kind: string; dataCategories: string[] }): SharingSection {
  if (entry.kind === "AFFILIATE") return "affiliates";
  if (entry.kind === "AGENT" || entry.kind === "PROCESSOR") return "service-providers";
  if (entry.dataCategories.length > 0 && entry.dataCategories.every((category) => AGGREGATE.test(category)))
    return "aggregate";
  return "third-parties";
}

export async function getPublicSharing() {
  const entries = await findActiveSharingEntries();
  return SHARING_SECTIONS.map((section) => ({
    ...section,
    entries: entries.filter((entry) => sharingSectionOf(entry) === section.key),
  }));
}
