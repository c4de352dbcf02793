// DRP 0.9.4 section 3.01: the rights an agent exercises, onto our request types. Pure.
import type { RequestTypeName } from "../requests/catalog";

export const DRP_EXERCISES = ["deletion", "access", "sale:opt_out", "sale:opt_in"] as const;
export type DrpExercise = (typeof DRP_EXERCISES)[number];

/** Rights 0.9.4 names but leaves undefined ("declared at a later date"): refused as not supported. */
export const UNSUPPORTED_EXERCISES = ["access:categories", "access:specific"] as const;

/** The spec's example spells `sale:opt-out`, its table `sale:opt_out`: both are read as one. */
export function normaliseExercise(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^sale:opt-(out|in)$/, "sale:opt_$1");
}

export type ExercisePlan = {
  type: RequestTypeName;
  /** For objections: what processing stops (lib/requests/catalog.ts OBJECTION_SCOPES). */
  objectionScope: string[];
  /** Words for the request's details, which the team reads. */
  details: string;
};

/**
 * access -> ACCESS (the export archive), deletion -> DELETION (the erasure engine),
 * sale:opt_out -> "do not sell or share" (processing flags off, a consent-history entry),
 * sale:opt_in -> the same switches back on, as a consent change the person asked for.
 */
export function planExercise(exercise: DrpExercise): ExercisePlan {
  switch (exercise) {
    case "access":
      return { type: "ACCESS", objectionScope: [], details: "Right to know (DRP access)." };
    case "deletion":
      return { type: "DELETION", objectionScope: [], details: "Right to delete (DRP deletion)." };
    case "sale:opt_out":
      return {
        type: "OPT_OUT_SALE" as RequestTypeName,
        objectionScope: [],
        details: "Do not sell or share my personal information (DRP sale:opt_out).",
      };
    case "sale:opt_in":
      return {
        type: "OPT_IN_SALE" as RequestTypeName,
        objectionScope: [],
        details: "Opt back in to the sale or sharing of my personal information (DRP sale:opt_in).",
      };
  }
}

/** The law a DRP `regime` stands for: "ccpa" is California's; none is voluntary (our OTHER). */
export function lawOfRegime(regime: string | undefined | null): "CCPA" | "GDPR" | "OTHER" {
  const value = (regime ?? "").trim().toLowerCase();
  if (value === "ccpa" || value === "cpra") return "CCPA";
  if (value === "gdpr") return "GDPR";
  return "OTHER";
}
