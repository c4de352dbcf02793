import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
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
        {document.versions.length === 0 ? (
          <p className="text-gray-800">No versions yet: start a draft.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Versions of {document.title}</caption>
              <thead className="border-b border-gray-200 text-gray-800">
                <tr>
                  <th className="py-2 pr-4">Version</th>
                  <th className="py-2 pr-4">State</th>
                  <th className="py-2 pr-4">Kind</th>
                  <th className="py-2 pr-4">Effective</th>
                  <th className="py-2 pr-4">Published</th>
                  <th className="py-2 pr-4">Notices</th>
                </tr>
              </thead>
              <tbody>
                {document.versions.map((v) => {
                  const state = v.status === "DRAFT" ? "draft" : versionState(v, currentVersion, at);
                  return (
                    <tr key={v.id} className="border-b border-gray-100 last:border-0">
                      <td className="py-2 pr-4">
                        <Link
                          className="font-medium text-brand-700 underline"
                          href={`/admin/policies/${document.slug}/v/${v.version}`}
                        >
                          v{v.version}
                        </Link>
                      </td>
                      <td className="py-2 pr-4">
                        <VersionStateBadge state={state} />
                      </td>
                      <td className="py-2 pr-4 text-gray-800">{v.isSubstantive ? "Substantive" : "Minor"}</td>
                      <td className="py-2 pr-4 text-gray-800">
                        {formatPolicyDate(v.effectiveAt)}
                        {v.overrideReason ? (
                          <span className="block text-xs text-gray-700">Short notice: {v.overrideReason}</span>
                        ) : null}
                      </td>
                      <td className="py-2 pr-4 text-gray-800">
                        {v.publishedAt ? formatPolicyDate(v.publishedAt) : "—"}
                      </td>
                      <td className="py-2 pr-4">
                        {v.noticeCampaign ? (
                          <Link className="text-brand-700 underline" href={`/admin/notices/${v.noticeCampaign.id}`}>
                            {v.noticeCampaign.status.toLowerCase()}
                          </Link>
                        ) : (
                          <span className="text-gray-700">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
