import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { env } from "@/lib/core/env";
import { getDraftForEditing, getPolicyNoticePreview } from "@/lib/policies/admin";
import { diffPolicyText } from "@/lib/policies/diff";
import { layoutPolicy } from "@/lib/policies/markdown";
import { formatPolicyDate, PolicyBody, PolicyDiff } from "@/components/policy-body";
import { DiscardDraftForm, DraftEditor, PublishForm, SendTestNoticeForm } from "../../../forms";
import { parseParams, positiveIntParam, slugParam, type RouteParams } from "@/lib/core/params";
import { isoDay } from "@/lib/core/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policy version" };

const paramsSchema = z.object({ slug: slugParam(), version: positiveIntParam() });

export default async function AdminPolicyVersionPage(props: { params: Promise<RouteParams> }) {
  const viewer = await requireAdmin();
  const { slug, version: number } = parseParams(paramsSchema, await props.params);
  const data = await getDraftForEditing({ admin: viewer, slug, versionNumber: number });
  if (!data) notFound();
  const { version: v, live, at } = data;
  const isDraft = v.status === "DRAFT";
  const diff = diffPolicyText(live?.markdown ?? "", v.markdown);
  const minDays = env().POLICY_MIN_NOTICE_DAYS;
  const earliest = new Date(at.getTime() + minDays * 86_400_000);
  const earliestSubstantive = isoDay(earliest);
  const changes = (
    <div className="space-y-3">
      <p className="text-sm text-gray-700">
        {live
          ? `Saved draft compared with version ${live.version} (in effect since ${formatPolicyDate(live.effectiveAt)}): ${diff.added} words added, ${diff.removed} removed.`
          : "Nothing is live yet: everything is new."}
      </p>
      <PolicyDiff diff={diff} onlyChanges label="Changes against the live version" />
    </div>
  );
  const notice = isDraft ? await getPolicyNoticePreview({ admin: viewer, versionId: v.id }) : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${v.document.title}: version ${v.version}${isDraft ? " (draft)" : ""}`}
        description={
          <Link className="text-brand-700 underline" href={`/admin/policies/${v.document.slug}`}>
            Back to all versions
          </Link>
        }
      />
      {isDraft ? (
        <div className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 className="mb-2 text-lg font-semibold text-gray-900">Edit draft</h2>
          <DraftEditor
            draft={{
              versionId: v.id,
              markdown: v.markdown,
              summary: v.summary,
              isSubstantive: v.isSubstantive,
              effectiveOn: v.effectiveAt ? isoDay(v.effectiveAt) : "",
              overrideReason: v.overrideReason ?? "",
            }}
            minNoticeDays={minDays}
            earliestSubstantive={earliestSubstantive}
            title={v.document.title}
            version={v.version}
            initialPreview={layoutPolicy(v.markdown)}
            changes={changes}
          />
        </div>
      ) : (
        <>
          <Alert tone="info" title="Published: this version can no longer be changed">
            Effective {formatPolicyDate(v.effectiveAt)}.{" "}
            <Link className="font-medium underline" href={`/policies/${v.document.slug}/v/${v.version}`}>
              Public page
            </Link>
          </Alert>
          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Changes against the live version</h2>
            {changes}
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Text</h2>
            <section aria-label="Preview">
              <PolicyBody markdown={v.markdown} />
            </section>
          </Card>
        </>
      )}
      {isDraft && notice ? (
        <div id="publish" className="scroll-mt-4">
          <div className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Publish</h2>
            <p className="text-sm text-gray-900">
              {notice.isSubstantive ? "Substantive change" : "Minor change"},{" "}
              {v.effectiveAt ? `effective ${formatPolicyDate(v.effectiveAt)}` : "no effective date yet"}:{" "}
              {notice.isSubstantive
                ? "every user gets a banner and this email, with the summary and a link to the changes."
                : "no mass email; only users who opted in to minor-change notices get this email."}{" "}
              Recipients: <strong data-testid="recipient-count">{notice.recipients}</strong>{" "}
              {notice.recipients === 1 ? "person" : "people"}. From the saved draft: save first if you changed
              something.
            </p>
            <h3 className="mt-4 text-base font-semibold text-gray-900">The email</h3>
            <p className="mt-1 text-sm text-gray-800 [overflow-wrap:anywhere]">
              Subject: <strong data-testid="preview-subject">{notice.subject}</strong>
            </p>
            <pre
              className="mt-2 max-h-40 overflow-auto sm:max-h-64 whitespace-pre-wrap rounded-lg border border-gray-200 bg-gray-50 p-3 text-sm text-gray-900 [overflow-wrap:anywhere]"
              data-testid="preview-email"
              tabIndex={0}
              aria-label="Email text"
            >
              {notice.text}
            </pre>
            <div className="mt-3">
              <SendTestNoticeForm versionId={v.id} email={viewer.email} />
            </div>
            <div className="mt-6 border-t border-gray-200 pt-4">
              <PublishForm versionId={v.id} description="" />
            </div>
            <div className="mt-6 border-t border-gray-200 pt-4">
              <DiscardDraftForm versionId={v.id} slug={v.document.slug} />
            </div>
          </div>
          {/* Room for the editor's bar at the bottom of the screen. */}
          <div aria-hidden="true" className="h-20" />
        </div>
      ) : null}
    </div>
  );
}
