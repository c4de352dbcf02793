import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Alert, Button, Card, PageHeader, inputClass, labelClass } from "@/components/ui";
import { describeError } from "@/lib/actions/messages";
import {
  describeActor,
  describeIp,
  listAuditLog,
  parseAuditFilters,
  type AuditFilters,
  type AuditRow,
} from "@/lib/audit/browse";
import { requireAdmin } from "@/lib/dal";
import { AppError, isAppError } from "@/lib/core/errors";
import { bigintParam, parseSearchParams, type SearchParams } from "@/lib/core/params";
import { DateTime } from "@/components/date-time";
import { actorName, metadataEntries, targetLabel, verbOf } from "./describe";

export const metadata: Metadata = { title: "Audit log" };

/** Keyset cursors: audit row ids (PostgreSQL bigint). */
const pagingSchema = z.object({ before: bigintParam().optional(), after: bigintParam().optional() });
const FIELDS = [
  { key: "actor", label: "Actor (email or reference)", type: "text" },
  { key: "action", label: "Action (end with . or * for a prefix)", type: "text" },
  { key: "targetType", label: "Target type", type: "text" },
  { key: "targetId", label: "Target id (or a person's email)", type: "text" },
  { key: "from", label: "From", type: "date" },
  { key: "to", label: "To", type: "date" },
] as const;

/** A row as a sentence; the codes, references and metadata behind a disclosure (works without JS). */
function AuditEvent({ row }: { row: AuditRow }) {
  const target = targetLabel(row);
  const ip = describeIp(row);
  const metadata = metadataEntries(row.metadata);
  return (
    <div>
      <p>
        {/* An address wraps only at its own break points (never one letter per line). */}
        <span className="font-medium text-gray-900 [overflow-wrap:anywhere]">{actorName(row)}</span>{" "}
        {verbOf(row.action)}.
      </p>
      <details className="mt-1 text-xs text-gray-700">
        <summary className="cursor-pointer text-brand-700 underline">Details</summary>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
          <dt className="font-medium text-gray-900">Action</dt>
          <dd className="font-mono">{row.action}</dd>
          <dt className="font-medium text-gray-900">Actor</dt>
          <dd className="[overflow-wrap:anywhere]">
            {describeActor(row)}
            {row.actorRef ? <span className="text-gray-600"> ({row.actorRef})</span> : null}
          </dd>
          {target ? (
            <>
              <dt className="font-medium text-gray-900">Target</dt>
              <dd className="[overflow-wrap:anywhere]">{target}</dd>
            </>
          ) : null}
          {ip ? (
            <>
              <dt className="font-medium text-gray-900">IP address</dt>
              <dd className="[overflow-wrap:anywhere]">{ip}</dd>
            </>
          ) : null}
          {metadata.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="font-medium text-gray-900">{key}</dt>
              <dd className="font-mono [overflow-wrap:anywhere]">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

export default async function AuditPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireAdmin();
  const search = await props.searchParams;
  const one = (key: string) => {
    const value = search[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  let filters: AuditFilters = { actor: undefined, action: undefined, targetType: undefined, targetId: undefined };
  let problem: string | null = null;
  try {
    filters = parseAuditFilters(search);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = describeError(error);
  }
  // A page link that was changed (an id past PostgreSQL's bigint) shows the newest rows instead.
  const paging = parseSearchParams(pagingSchema, search);
  if (paging.invalid.length && !problem)
    problem = describeError(new AppError("INVALID_STATE", { reason: "BAD_CURSOR" }));
  const page = await listAuditLog({ admin: viewer, filters, before: paging.data.before, after: paging.data.after });
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams(
      Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return params.toString();
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Every sign-in, refusal and change the privacy team or the system made. Nobody can edit or delete these rows. People are shown by email address while their account exists."
      />
      <Card>
        <form
          method="get"
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
          role="search"
          aria-label="Filter the audit log"
        >
          {FIELDS.map((field) => (
            <div key={field.key} className="space-y-1">
              <label className={labelClass} htmlFor={`f-${field.key}`}>
                {field.label}
              </label>
              <input
                className={inputClass}
                id={`f-${field.key}`}
                name={field.key}
                type={field.type}
                defaultValue={one(field.key)}
              />
            </div>
          ))}
          <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-3">
            <Button type="submit">Filter</Button>
            <Link className="rounded-md px-3 py-2 text-sm font-semibold text-brand-700 underline" href="/admin/audit">
              Clear
            </Link>
            <a
              className="rounded-md px-3 py-2 text-sm font-semibold text-brand-700 underline"
              href={`/admin/audit/export?${query({})}`}
              download
            >
              Download CSV
            </a>
          </div>
        </form>
      </Card>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <Table
        caption="Audit log entries, newest first"
        testId="audit-table"
        rows={page.rows}
        rowKey={(row) => String(row.id)}
        rowData={(row) => ({ "data-id": String(row.id) })}
        empty={<EmptyState title="No audit entries match these filters." />}
        density="compact"
        columns={[
          {
            key: "when",
            header: "When (UTC)",
            className: "whitespace-nowrap",
            cell: (row) => <DateTime value={row.at} format="dateTimeSeconds" />,
          },
          {
            key: "event",
            header: "What happened",
            className: "min-w-[14rem] break-words",
            cell: (row) => <AuditEvent row={row} />,
          },
        ]}
      />
      <nav aria-label="Audit log pages" className="flex gap-4 text-sm">
        {page.newer ? (
          <Link
            className="font-semibold text-brand-700 underline"
            href={`/admin/audit?${query({ after: page.newer })}`}
          >
            ← Newer
          </Link>
        ) : null}
        {page.older ? (
          <Link
            className="font-semibold text-brand-700 underline"
            href={`/admin/audit?${query({ before: page.older })}`}
          >
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
