// Where data goes: categories of personal data (the registry) → why they are shared
// (each sharing-register entry's purpose) → who receives them (the entry's party).
// Drawn on /privacy/sharing for everyone and on Your data for the person's own
// categories. Each link stands for one category shared with one party, so a wide band
// means many kinds of data take that path (not many records).
import "server-only";
import { assertViewer, type Viewer } from "../core/viewer";
import { findActiveSharingEntries } from "../sharing/register";
import { categories as registryCategories, isSharedIn, type Category } from "./registry";
import { assertOwner, type Queryable } from "./queries";
import { getActiveSharingEntries, getDataSummary } from "./summary";

export type FlowNode = { id: string; column: 0 | 1 | 2; label: string; href?: string };
export type FlowLink = { source: string; target: string; value: number };
/** One row of the table behind the picture: a category shared with a party, and why. */
export type FlowPath = { category: string; purpose: string; recipient: string };
export type DataFlow = {
  nodes: FlowNode[];
  links: FlowLink[];
  paths: FlowPath[];
  /** Categories of data shared with nobody outside the company. */
  notShared: string[];
};

type Entry = { id: string; name: string; purpose: string; dataCategories: string[] };

/**
 * The three columns from categories and register entries. An entry that matches no
 * category of the registry (e.g. anonymized figures) starts from its own description of
 * what it receives, so every recipient in the register is on the map.
 */
export function buildDataFlow(
  categories: Pick<Category, "slug" | "title" | "sharingTags">[],
  entries: Entry[],
  options: { includeUnmatchedEntries?: boolean; categoryHref?: (slug: string) => string } = {},
): DataFlow {
  const nodes = new Map<string, FlowNode>();
  const links = new Map<string, FlowLink>();
  const paths: FlowPath[] = [];
  const addLink = (source: string, target: string) => {
    const key = `${source}→${target}`;
    const link = links.get(key);
    if (link) link.value += 1;
    else links.set(key, { source, target, value: 1 });
  };
  const shared = new Set<string>();
  for (const entry of entries) {
    const matched = categories.filter((category) => isSharedIn(category, entry.dataCategories));
    const sources = matched.map((category) => ({
      id: `category:${category.slug}`,
      label: category.title,
      href: options.categoryHref?.(category.slug),
    }));
    if (sources.length === 0) {
      if (!options.includeUnmatchedEntries || entry.dataCategories.length === 0) continue;
      const label = entry.dataCategories.join(", ");
      sources.push({ id: `described:${label.toLowerCase()}`, label: capitalize(label), href: undefined });
    }
    const purposeId = `purpose:${entry.purpose.trim().toLowerCase()}`;
    const recipientId = `recipient:${entry.id}`;
    if (!nodes.has(purposeId)) nodes.set(purposeId, { id: purposeId, column: 1, label: entry.purpose.trim() });
    nodes.set(recipientId, { id: recipientId, column: 2, label: entry.name });
    for (const source of sources) {
      if (!nodes.has(source.id)) nodes.set(source.id, { ...source, column: 0 });
      if (source.id.startsWith("category:")) shared.add(source.id);
      addLink(source.id, purposeId);
      addLink(purposeId, recipientId);
      paths.push({ category: source.label, purpose: entry.purpose.trim(), recipient: entry.name });
    }
  }
  // Columns in a stable order: categories as the registry lists them, the rest by name.
  const order = new Map(categories.map((category, index) => [`category:${category.slug}`, index]));
  const sorted = [...nodes.values()].sort(
    (a, b) =>
      a.column - b.column ||
      (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
      a.label.localeCompare(b.label),
  );
  return {
    nodes: sorted,
    links: [...links.values()],
    paths,
    notShared: categories
      .filter((category) => !shared.has(`category:${category.slug}`))
      .map((category) => category.title),
  };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Everyone's view: every category and every party in the register now. */
export async function getPublicDataFlow(): Promise<DataFlow> {
  const entries = await findActiveSharingEntries();
  return buildDataFlow(registryCategories, entries, { includeUnmatchedEntries: true });
}

/** The person's view: only the categories we hold records of about them. */
export async function getPersonalDataFlow({ viewer }: { viewer: Viewer }): Promise<DataFlow> {
  assertViewer(viewer);
  // From the page's one scan and the register it already read (summary.ts).
  const [{ counts }, entries] = await Promise.all([getDataSummary(viewer.userId), getActiveSharingEntries()]);
  const held = registryCategories.filter((category) =>
    category.datasets.some((dataset) => (counts.get(dataset.key)?.total ?? 0) > 0),
  );
  return buildDataFlow(held, entries, { categoryHref: (slug) => `/account/data/${slug}` });
}

/** The categories with at least one of the owner's records (one EXISTS per dataset, no counting). */
export async function findHeldCategories(db: Queryable, userId: string): Promise<Category[]> {
  assertOwner(userId);
  const parts = registryCategories.flatMap((category, index) =>
    category.datasets.map(
      (dataset) => `SELECT ${index} AS c WHERE EXISTS (SELECT 1 FROM ${dataset.from} WHERE ${dataset.owner} = $1)`,
    ),
  );
  const { rows } = await db.query<{ c: number }>(parts.join("\nUNION\n"), [userId]);
  const held = new Set(rows.map((row) => row.c));
  return registryCategories.filter((_, index) => held.has(index));
}
