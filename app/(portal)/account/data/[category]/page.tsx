import type { Metadata } from "next";
import Link from "next/link";
import { getCategoryRetentionDays } from "@/lib/retention/rules";
import { retentionText } from "@/lib/retention/targets";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Table, type Column } from "@/components/table";
import { Alert, Card, inputClass, labelClass } from "@/components/ui";
import { getCategoryFacts, getDatasetCount, getDatasetPage, getPolicyVersions, getSharingFor } from "@/lib/data/access";
import { describeError } from "@/lib/actions/messages";
import { outputColumns, timeKey, type PageDirection } from "@/lib/data/queries";
import { dayParam, parseParams, parseSearchParams, slugParam, textParam, type SearchParams } from "@/lib/core/params";
import { AppError, isAppError } from "@/lib/core/errors";
import { findCategory, type Category, type Column as DataColumn, type FilterKey } from "@/lib/data/registry";
import { verifySession, type Viewer } from "@/lib/dal";
import { DateTime } from "@/components/date-time";
import { displayValue, rowLinkOf, sourceLabel, tableColumnsOf } from "../format";
import { monthFilter } from "@/lib/data/months";
import { formatDate, formatNumber, isoInstant } from "@/lib/core/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your data" };

const FILTER_LABELS: Record<FilterKey, string> = {
  path: "Page",
  ip: "IP address",
  device: "Device id",
  cluster: "Install id",
};
const DIRECTIONS = ["first", "next", "prev", "last"] as const satisfies readonly PageDirection[];

// The exact count scans every matching row (tens of ms at 10^6), so it streams
// in after the page's rows, which a keyset range scan serves in a few ms.
async function RecordCount(props: {
  viewer: Viewer;
  datasetKey: string;
  filters: Record<string, string>;
  hasFilters: boolean;
}) {
  let total: number | null = null;
  try {
    total = await getDatasetCount({ viewer: props.viewer, datasetKey: props.datasetKey, filters: props.filters });
  } catch (error) {
    if (!isAppError(error)) throw error;
    total = await getDatasetCount({ viewer: props.viewer, datasetKey: props.datasetKey });
  }
  if (total === null) return null;
  return (
    <>{`${formatNumber(total)} record${total === 1 ? "" : "s"}${props.hasFilters ? " match your filters" : ""}`}</>
  );
}

/** Counts per part, when the newest record came in, and the policies in force when they were collected. */
async function CategoryFacts(props: { viewer: Viewer; category: Category }) {
  const facts = await getCategoryFacts({ viewer: props.viewer, category: props.category });
  const total = facts.datasets.reduce((sum, dataset) => sum + dataset.count, 0);
  const titles = new Map(props.category.datasets.map((dataset) => [dataset.key, dataset.title]));
  return (
    <>
      <dt className="font-medium text-gray-900">Records</dt>
      <dd className="text-gray-700" data-testid="category-records">
        {props.category.datasets.length === 1 ? (
          <span data-testid={`count-${facts.datasets[0].key}`}>{formatNumber(total)}</span>
        ) : (
          facts.datasets.map((dataset, index) => (
            <span key={dataset.key} data-testid={`count-${dataset.key}`}>
              {index > 0 ? "; " : ""}
              {titles.get(dataset.key)}: {formatNumber(dataset.count)}
            </span>
          ))
        )}
        {facts.latest ? (
          <>
            {" "}
            (newest <DateTime value={facts.latest} />)
          </>
        ) : null}
      </dd>
      <dt className="font-medium text-gray-900">Policy when collected</dt>
      <dd className="text-gray-700">
        {facts.policies.length === 0
          ? "—"
          : facts.policies.map(({ policy, count }, index) => (
              <span key={policy.id}>
                {index > 0 ? ", " : ""}
                <Link
                  className="font-medium text-brand-700 underline"
                  href={`/policies/${policy.slug}/v/${policy.version}`}
                >
                  {policy.title} v{policy.version}
                </Link>
                {policy.effectiveAt ? ` (effective ${formatDate(policy.effectiveAt, "date")})` : ""}
                {facts.policies.length > 1 ? `: ${formatNumber(count)}` : ""}
              </span>
            ))}
      </dd>
    </>
  );
}

/** A JSON value as a list of its fields, behind a disclosure (no tooltip: works by keyboard, touch and without JS). */
function JsonDetails(props: { value: string; label: string }) {
  let fields: [string, string][] = [];
  try {
    const parsed: unknown = JSON.parse(props.value);
    fields =
      parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
        ? Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [
            key,
            typeof value === "string" ? value : JSON.stringify(value),
          ])
        : [["", props.value]];
  } catch {
    fields = [["", props.value]];
  }
  return (
    <details className="group">
      <summary className="cursor-pointer text-brand-700 underline">
        Show {props.label.toLowerCase()}
        <span className="sr-only"> ({fields.length} values)</span>
      </summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
        {fields.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="font-medium text-gray-900">{wordsOf(key)}</dt>
            <dd className="break-words text-gray-800 [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** "uptimeSeconds" → "Uptime seconds" (JSON field names as words). */
function wordsOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * "5 Sept 2026, 14:05", where the time may go below the date when the table is short of
 * room (each part stays whole), so three date columns do not push a table past its box.
 */
function DateAndTime(props: { value: string }) {
  const date = formatDate(props.value, "date");
  const full = formatDate(props.value, "dateTime");
  const time = full.startsWith(date) ? full.slice(date.length).replace(/^,?\s*/, "") : "";
  if (!time) return <DateTime value={props.value} format="dateTime" />;
  return (
    <time dateTime={isoInstant(props.value) ?? undefined}>
      <span className="whitespace-nowrap">{date},</span> <span className="whitespace-nowrap">{time}</span>
    </time>
  );
}

/** One stored value as the page shows it. */
function Value(props: { column: DataColumn; value: string | null | undefined }) {
  const { column, value } = props;
  if (column.kind === "date") return value ? <DateAndTime value={value} /> : null;
  if (column.kind === "json") return value ? <JsonDetails value={value} label={column.label} /> : null;
  const shown = displayValue(column, value);
  return shown === null ? null : <>{shown}</>;
}

const paramsSchema = z.object({ category: slugParam() });
const pagingSchema = z.object({
  dataset: textParam(100).optional(),
  page: z.enum(DIRECTIONS).optional(),
  cursor: textParam(500).optional(),
});

/** The dataset's filters: dates between 1900 and 9999, values without control characters. */
function filterSchema(filterKeys: FilterKey[]) {
  return z.object({
    from: dayParam().optional(),
    to: dayParam().optional(),
    ...Object.fromEntries(filterKeys.map((key) => [key, textParam(500).optional()])),
  });
}

export default async function CategoryPage(props: {
  params: Promise<{ category: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await verifySession();
  const [params, search] = await Promise.all([props.params, props.searchParams]);
  const category = findCategory(parseParams(paramsSchema, params).category);
  if (!category) notFound();
  const paging = parseSearchParams(pagingSchema, search);
  const dataset = category.datasets.find((candidate) => candidate.key === paging.data.dataset) ?? category.datasets[0];
  const filterKeys = Object.keys(dataset.filters ?? {}) as FilterKey[];
  // A bad filter is ignored (the others still apply) and the page says so.
  const parsedFilters = parseSearchParams(filterSchema(filterKeys), search);
  const filters: Record<string, string> = monthFilter(search); // ?month=YYYY-MM from the timeline on Your data
  for (const [key, value] of Object.entries(parsedFilters.data))
    if (typeof value === "string" && value) filters[key] = value;
  const badCursor = paging.invalid.includes("cursor") || paging.invalid.includes("page");
  const direction = badCursor ? "first" : (paging.data.page ?? "first");
  const cursor = badCursor ? undefined : paging.data.cursor;

  // Independent of the page's rows: fetched in parallel with them.
  const extras = Promise.all([getPolicyVersions(), getSharingFor(category), getCategoryRetentionDays()]);
  extras.catch(() => {});
  let result: Awaited<ReturnType<typeof getDatasetPage>> = null;
  let problem: string | null = parsedFilters.invalid.length
    ? describeError(new AppError("VALIDATION", { reason: "BAD_FILTER" }))
    : badCursor
      ? describeError(new AppError("INVALID_STATE", { reason: "BAD_CURSOR" }))
      : null;
  let countFilters = filters;
  try {
    result = await getDatasetPage({
      viewer,
      categorySlug: category.slug,
      datasetKey: dataset.key,
      request: { direction, cursor, filters, limit: 50 },
    });
  } catch (error) {
    if (!isAppError(error, "VALIDATION") && !isAppError(error, "INVALID_STATE")) throw error;
    problem = describeError(error);
    countFilters = {};
    result = await getDatasetPage({
      viewer,
      categorySlug: category.slug,
      datasetKey: dataset.key,
      request: { direction: "first", limit: 50 },
    });
  }
  if (!result) notFound();
  const [policies, sharedWith, retentionDays] = await extras;
  const { page } = result;
  const columns = outputColumns(dataset).filter((column) => !column.hideInTable && column.key !== "id");
  // Names a row for screen readers ("the record of 5 Sept 2026, 14:05"): its time, not its database id.
  const rowTime = timeKey(dataset);
  const rowLink = rowLinkOf(dataset);
  const baseQuery = (extra: Record<string, string>) => {
    const query = new URLSearchParams({
      ...(category.datasets.length > 1 ? { dataset: dataset.key } : {}),
      ...filters,
      ...extra,
    });
    return `/account/data/${category.slug}?${query.toString()}`;
  };
  const hasFilters = Object.keys(filters).length > 0;

  return (
    <div>
      <p className="mb-2 text-sm">
        <Link className="text-brand-700 underline" href="/account/data">
          ← All your data
        </Link>
      </p>
      <h1 className="text-3xl font-bold tracking-tight text-gray-900">{category.title}</h1>
      <p className="mt-2 max-w-3xl text-gray-700">{category.description}</p>
      <dl className="mt-4 grid max-w-3xl grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[11rem_1fr]">
        <dt className="font-medium text-gray-900">How we got it</dt>
        <dd className="text-gray-700">{sourceLabel(category.source)}</dd>
        <dt className="font-medium text-gray-900">Why</dt>
        <dd className="text-gray-700">{category.purpose}</dd>
        <dt className="font-medium text-gray-900">Shared with</dt>
        <dd className="text-gray-700">
          {sharedWith.length
            ? sharedWith.map((party) => `${party.name} (${party.purpose})`).join("; ")
            : "Nobody outside the company"}
        </dd>
        <dt className="font-medium text-gray-900">Kept for</dt>
        <dd className="text-gray-700">{retentionText(category, retentionDays.get(category.slug))}</dd>
        <Suspense fallback={null}>
          <CategoryFacts viewer={viewer} category={category} />
        </Suspense>
      </dl>
      {category.editHref ? (
        <p className="mt-4">
          <Link className="font-semibold text-brand-700 underline" href={category.editHref}>
            Edit these details
          </Link>
        </p>
      ) : null}

      {category.datasets.length > 1 ? (
        <nav aria-label="Parts of this category" className="mt-6 flex flex-wrap gap-2">
          {category.datasets.map((candidate) => (
            <Link
              key={candidate.key}
              href={`/account/data/${category.slug}?dataset=${candidate.key}`}
              aria-current={candidate.key === dataset.key ? "page" : undefined}
              className={`rounded-md px-3 py-2 text-sm font-medium ${candidate.key === dataset.key ? "bg-brand-600 text-white" : "border border-gray-300 text-gray-900 hover:bg-gray-50"}`}
            >
              {candidate.title}
            </Link>
          ))}
        </nav>
      ) : null}

      <Card className="mt-6">
        <form
          method="get"
          action={`/account/data/${category.slug}`}
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
          aria-label="Filter records"
        >
          {category.datasets.length > 1 ? <input type="hidden" name="dataset" value={dataset.key} /> : null}
          <div className="space-y-1">
            <label className={labelClass} htmlFor="from">
              From date
            </label>
            <input className={inputClass} id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
          </div>
          <div className="space-y-1">
            <label className={labelClass} htmlFor="to">
              To date
            </label>
            <input className={inputClass} id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
          </div>
          {filterKeys.map((key) => (
            <div key={key} className="space-y-1">
              <label className={labelClass} htmlFor={`filter-${key}`}>
                {FILTER_LABELS[key]}
              </label>
              <input
                className={inputClass}
                id={`filter-${key}`}
                name={key}
                defaultValue={filters[key] ?? ""}
                placeholder={key === "path" ? "/docs/cli" : undefined}
              />
            </div>
          ))}
          <div className="flex items-end gap-2">
            <button
              type="submit"
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              Apply filters
            </button>
            {hasFilters ? (
              <Link
                className="px-2 py-2 text-sm text-brand-700 underline"
                href={baseQuery({}).replace(/\?.*$/, category.datasets.length > 1 ? `?dataset=${dataset.key}` : "")}
              >
                Clear
              </Link>
            ) : null}
          </div>
        </form>
      </Card>

      {problem ? (
        <div className="mt-4">
          <Alert tone="warning">{problem}</Alert>
        </div>
      ) : null}

      {/* With one part the page's heading names it already. */}
      {category.datasets.length > 1 ? (
        <h2 className="mt-8 text-xl font-semibold text-gray-900">{dataset.title}</h2>
      ) : null}
      <p
        className={`${category.datasets.length > 1 ? "mt-1" : "mt-8"} text-sm text-gray-700`}
        data-testid="record-count"
        aria-live="polite"
      >
        <Suspense fallback={<span>Counting records…</span>}>
          <RecordCount
            viewer={viewer}
            datasetKey={dataset.key}
            filters={countFilters}
            hasFilters={Object.keys(countFilters).length > 0}
          />
        </Suspense>
      </p>

      <p className="mt-1 text-xs text-gray-600">Times are in UTC.</p>

      {/* Plain <a> in rows: a hundred <Link>s would each add a client reference to the page payload. */}
      <Table
        className="mt-4"
        caption={`${dataset.title}, newest first`}
        testId="records"
        density="compact"
        rows={page.rows}
        rowKey={(row) => row.key}
        rowData={(row) => ({ "data-row-id": row.key })}
        empty={
          <div className="mt-4">
            <EmptyState
              title={hasFilters ? "No records match these filters." : "We hold no records of this kind about you."}
            />
          </div>
        }
        columns={[
          ...tableColumnsOf(dataset, columns).map((group, index): Column<(typeof page.rows)[number]> => ({
            key: group.columns.map((column) => column.key).join("+") || String(index),
            header: group.label,
            // Long values wrap inside their cell (the table fits its box); a date wraps only between date and time.
            className: group.columns.every((column) => column.kind === "date") ? "" : "min-w-[6rem] break-words",
            cell: (row) => {
              const parts = group.columns
                .map((column) => ({ column, value: row.values[column.key] }))
                .filter(({ value }) => value !== null && value !== undefined && value !== "");
              if (parts.length === 0) return "—";
              return parts.map(({ column, value }, part) => (
                <span key={column.key}>
                  {part > 0 ? group.separator : ""}
                  <Value column={column} value={value} />
                </span>
              ));
            },
          })),
          ...(dataset.policy
            ? [
                {
                  key: "policy",
                  header: "Policy",
                  className: "min-w-[5.5rem]",
                  cell: (row: (typeof page.rows)[number]) => {
                    const policy = row.values.policyVersion ? policies.get(row.values.policyVersion) : undefined;
                    return policy ? (
                      <a className="text-brand-700 underline" href={`/policies/${policy.slug}/v/${policy.version}`}>
                        {policy.title} v{policy.version}
                      </a>
                    ) : (
                      "—"
                    );
                  },
                },
              ]
            : []),
        ]}
        actions={
          rowLink
            ? {
                label: "Open",
                cell: (row) => (
                  <a className="text-brand-700 underline" href={rowLink.href(row.key)}>
                    {rowLink.label}
                    <span className="sr-only"> (the record of {formatDate(row.values[rowTime], "dateTime")})</span>
                  </a>
                ),
              }
            : dataset.correctable
              ? {
                  label: "Report",
                  cell: (row) => (
                    <a
                      className="text-brand-700 underline"
                      href={`/account/data/correction?dataset=${dataset.key}&id=${encodeURIComponent(row.key)}`}
                    >
                      This is wrong
                      <span className="sr-only"> (the record of {formatDate(row.values[rowTime], "dateTime")})</span>
                    </a>
                  ),
                }
              : undefined
        }
      />

      <nav aria-label="Pagination" className="mt-4 flex flex-wrap gap-2 text-sm">
        {page.hasNewer ? (
          <>
            <Link
              className="rounded-md border border-gray-300 px-3 py-2 font-medium text-gray-900 hover:bg-gray-50"
              href={baseQuery({ page: "first" })}
            >
              Newest
            </Link>
            <Link
              className="rounded-md border border-gray-300 px-3 py-2 font-medium text-gray-900 hover:bg-gray-50"
              href={baseQuery({ page: "prev", cursor: page.newestCursor ?? "" })}
              rel="prev"
            >
              Newer
            </Link>
          </>
        ) : null}
        {page.hasOlder ? (
          <>
            <Link
              className="rounded-md border border-gray-300 px-3 py-2 font-medium text-gray-900 hover:bg-gray-50"
              href={baseQuery({ page: "next", cursor: page.oldestCursor ?? "" })}
              rel="next"
            >
              Older
            </Link>
            <Link
              className="rounded-md border border-gray-300 px-3 py-2 font-medium text-gray-900 hover:bg-gray-50"
              href={baseQuery({ page: "last" })}
            >
              Oldest
            </Link>
          </>
        ) : null}
      </nav>
    </div>
  );
}
