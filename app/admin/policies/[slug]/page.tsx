import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { getPolicyDocumentForAdmin } from "@/lib/policies/admin";
import { versionState } from "@/lib/policies/in-force";
import { formatPolicyDate, VersionStateBadge } from "@/components/policy-body";
import { NewDraftButton } from "../forms";
import {
  parseParams,
  parseSearchParams,
  positiveIntParam,
  slugParam,
  type RouteParams,
  type SearchParams,
} from "@/lib/core/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policy document" };

const paramsSchema = z.object({ slug: slugParam() });
const searchSchema = z.object({ published: positiveIntParam().optional() });

export default async function AdminPolicyDocumentPage(props: {
  params: Promise<RouteParams>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requireAdmin();
  const { slug } = parseParams(paramsSchema, await props.params);
  const { published } = parseSearchParams(searchSchema, await props.searchParams).data;
  const document = await getPolicyDocumentForAdmin({ admin: viewer, slug });
  if (!document) notFound();
  const at = document.at;
  const currentVersion = document.versions
    .filter((v) => v.status === "PUBLISHED" && v.effectiveAt && v.effectiveAt <= at)
    .sort((a, b) => +b.effectiveAt! - +a.effectiveAt!)[0]?.version;
  const draft = document.versions.find((v) => v.status === "DRAFT");
  const justPublished = published
    ? document.versions.find((v) => v.version === published && v.status === "PUBLISHED")
    : undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title={document.title}
        description={
          <>
            Public page:{" "}
            <Link className="text-brand-700 underline" href={`/policies/${document.slug}`}>
              /policies/{document.slug}
            </Link>
          </>
        }
        actions={draft ? null : <NewDraftButton slug={document.slug} />}
      />
      {justPublished ? (
        <Alert tone="success" title={`Version ${justPublished.version} is published`}>
          It takes effect on {formatPolicyDate(justPublished.effectiveAt)}.{" "}
          {justPublished.noticeCampaign ? (
            <Link className="font-medium underline" href={`/admin/notices/${justPublished.noticeCampaign.id}`}>
              {justPublished.isSubstantive
                ? "Follow the change notices to every user"
                : "Follow the notices to users who opted in"}
            </Link>
          ) : null}
        </Alert>
      ) : null}
      {draft ? (
        <Alert tone="info" title={`Draft version ${draft.version} in progress`}>
          <Link className="font-medium underline" href={`/admin/policies/${document.slug}/v/${draft.version}`}>
            Continue editing
          </Link>
        </Alert>
      ) : null}
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900">Versions</h2>
        <Table
          caption={`Versions of ${document.title}`}
          variant="plain"
          rows={document.versions}
          rowKey={(v) => v.id}
          empty={<EmptyState variant="plain" title="No versions yet: start a draft." />}
          columns={[
            {
              key: "version",
              header: "Version",
              cell: (v) => (
                <Link
                  className="font-medium text-brand-700 underline"
                  href={`/admin/policies/${document.slug}/v/${v.version}`}
                >
                  v{v.version}
                </Link>
              ),
            },
            {
              key: "state",
              header: "State",
              cell: (v) => (
                <VersionStateBadge state={v.status === "DRAFT" ? "draft" : versionState(v, currentVersion, at)} />
              ),
            },
            { key: "kind", header: "Kind", cell: (v) => (v.isSubstantive ? "Substantive" : "Minor") },
            {
              key: "effective",
              header: "Effective",
              cell: (v) => (
                <>
                  {formatPolicyDate(v.effectiveAt)}
                  {v.overrideReason ? (
                    <span className="block text-xs text-gray-700">Short notice: {v.overrideReason}</span>
                  ) : null}
                </>
              ),
            },
            {
              key: "published",
              header: "Published",
              cell: (v) => (v.publishedAt ? formatPolicyDate(v.publishedAt) : "—"),
            },
            {
              key: "notices",
              header: "Notices",
              cell: (v) =>
                v.noticeCampaign ? (
                  <Link className="text-brand-700 underline" href={`/admin/notices/${v.noticeCampaign.id}`}>
                    {v.noticeCampaign.status.toLowerCase()}
                  </Link>
                ) : (
                  <span className="text-gray-700">—</span>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
