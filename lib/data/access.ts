// The portal's view of "Your data": every function takes the signed-in viewer
// and reads only that viewer's rows (through the owner-scoped SQL in queries.ts).
import "server-only";
import { assertViewer, type Viewer } from "../core/viewer";
import { getPool } from "../core/db";
import { findActiveSharingEntries } from "../sharing/register";
import { categories, findCategory, findDataset, isSharedIn, type Category } from "./registry";
import { countDatasets, countRows, findRow, listPage, type DatasetCounts, type PageRequest } from "./queries";
import { getPolicyVersions, type PolicyRef } from "./policy-versions";
import { getActiveSharingEntries, getCachedPolicyVersions, getDataSummary } from "./summary";

export { getPolicyVersions, type PolicyRef };

export async function getSharingFor(category: Category) {
  if (category.sharingTags.length === 0) return [];
  const entries = await findActiveSharingEntries();
  return entries.filter((entry) => isSharedIn(category, entry.dataCategories));
}

/** Policy versions in force when a category's records were collected, with how many under each. */
function policiesOf(category: Category, counts: DatasetCounts, policies: Map<string, PolicyRef>) {
  const policyCounts = new Map<string, number>();
  for (const dataset of category.datasets) {
    for (const [policyId, count] of counts.get(dataset.key)?.byPolicy ?? []) {
      if (policyId) policyCounts.set(policyId, (policyCounts.get(policyId) ?? 0) + count);
    }
  }
  return [...policyCounts.entries()]
    .map(([id, count]) => ({ policy: policies.get(id), count }))
    .filter((entry): entry is { policy: PolicyRef; count: number } => Boolean(entry.policy))
    .sort((a, b) => a.policy.version - b.policy.version);
}

/** The newest record's time among a category's datasets (ISO, UTC), or null. */
function latestOf(category: Category, counts: DatasetCounts): string | null {
  let latest: string | null = null;
  for (const dataset of category.datasets) {
    const time = counts.get(dataset.key)?.latest ?? null;
    if (time && (!latest || time > latest)) latest = time;
  }
  return latest;
}

/** A category's counts per dataset and the policy versions its records were collected under (its page's facts). */
export async function getCategoryFacts({ viewer, category }: { viewer: Viewer; category: Category }) {
  const keys = new Set(category.datasets.map((dataset) => dataset.key));
  const [counts, policies] = await Promise.all([
    countDatasets(getPool(), viewer.userId, (dataset) => keys.has(dataset.key)),
    getPolicyVersions(),
  ]);
  return {
    datasets: category.datasets.map((dataset) => ({ key: dataset.key, count: counts.get(dataset.key)?.total ?? 0 })),
    policies: policiesOf(category, counts, policies),
    latest: latestOf(category, counts),
  };
}

/** One line per category: exact counts, the newest record's time, sharing and policy versions. */
export async function getDataOverview({ viewer }: { viewer: Viewer }) {
  assertViewer(viewer);
  // Shared per request with the page's timeline and data-flow map (summary.ts).
  const [{ counts }, policies, sharing] = await Promise.all([
    getDataSummary(viewer.userId),
    getCachedPolicyVersions(),
    getActiveSharingEntries(),
  ]);
  return categories.map((category) => {
    const datasetCounts = category.datasets.map((dataset) => ({
      key: dataset.key,
      title: dataset.title,
      count: counts.get(dataset.key)?.total ?? 0,
    }));
    return {
      category,
      datasets: datasetCounts,
      total: datasetCounts.reduce((sum, dataset) => sum + dataset.count, 0),
      latest: latestOf(category, counts),
      policies: policiesOf(category, counts, policies),
      sharedWith: sharing
        .filter((entry) => isSharedIn(category, entry.dataCategories))
        .map((entry) => ({ name: entry.name, purpose: entry.purpose })),
    };
  });
}

export async function getDatasetPage(options: {
  viewer: Viewer;
  categorySlug: string;
  datasetKey: string;
  request: PageRequest;
  withCount?: boolean;
}) {
  const category = findCategory(options.categorySlug);
  const dataset = category?.datasets.find((candidate) => candidate.key === options.datasetKey);
  if (!category || !dataset) return null;
  const [page, total] = await Promise.all([
    listPage(getPool(), options.viewer.userId, dataset, options.request),
    options.withCount
      ? countRows(getPool(), options.viewer.userId, dataset, options.request.filters)
      : Promise.resolve(null),
  ]);
  return { category, dataset, page, total };
}

/** Exact number of the viewer's rows in a dataset (with filters); streamed into the page after its rows. */
export async function getDatasetCount(options: {
  viewer: Viewer;
  datasetKey: string;
  filters?: PageRequest["filters"];
}) {
  const found = findDataset(options.datasetKey);
  if (!found) return null;
  return countRows(getPool(), options.viewer.userId, found.dataset, options.filters);
}

/** One of the viewer's own items (for "this is wrong"), or null for anything else. */
export async function getOwnItem({ viewer, datasetKey, id }: { viewer: Viewer; datasetKey: string; id: string }) {
  const found = findDataset(datasetKey);
  if (!found) return null;
  const values = await findRow(getPool(), viewer.userId, found.dataset, id);
  if (!values) return null;
  return { ...found, values };
}
