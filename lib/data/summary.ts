// What "Your data" reads about the viewer, once per request. The page's category list
// (counts, newest record, policy versions), its records-per-month timeline and its
// data-flow map each scanned every dataset of the person (three statements of one
// SELECT per dataset, and the sharing register twice); one scan now answers all three,
// and React's `cache` shares it, the policy versions and the register between the page
// and its two pictures for the duration of one request.
import "server-only";
import { cache } from "react";
import { now } from "../core/clock";
import { getPool } from "../core/db";
import { findActiveSharingEntries } from "../sharing/register";
import { countDatasetsWithMonths, type DatasetSummary } from "./queries";
import { lastMonths, monthKeyOf, TIMELINE_MONTHS } from "./months";
import { getPolicyVersions } from "./policy-versions";

/** The owner's counts per dataset, with the months of the timeline ending in `monthKey` ("YYYY-MM"). */
const summarize = cache(async (userId: string, monthKey: string): Promise<DatasetSummary> => {
  const [year, month] = monthKey.split("-").map(Number);
  const months = lastMonths(new Date(Date.UTC(year, month - 1, 1)), TIMELINE_MONTHS);
  return countDatasetsWithMonths(getPool(), userId, months);
});

/** The owner's data summary as of now (the clock of lib/core/clock.ts). */
export async function getDataSummary(userId: string, at?: Date): Promise<DatasetSummary> {
  return summarize(userId, monthKeyOf(at ?? (await now())));
}

/** The sharing register's entries in force, once per request. */
export const getActiveSharingEntries = cache(findActiveSharingEntries);

/** Every published policy version by id, once per request. */
export const getCachedPolicyVersions = cache(getPolicyVersions);
