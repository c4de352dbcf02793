// The changes page of a policy version, in its two views: the whole text with the
// changes marked, or only the sections that changed (…/changes/only).
import Link from "next/link";
import { notFound } from "next/navigation";
import { findVersionChanges } from "@/lib/policies/public";
import { formatPolicyDate, PolicyDiff, VersionStateBadge } from "@/components/policy-body";

export async function PolicyChanges(props: { slug: string; version: number; onlyChanges: boolean }) {
  const changes = await findVersionChanges(props.slug, props.version);
  if (!changes) notFound();
  const { target, previous, diff } = changes;
  const base = `/policies/${target.document.slug}`;
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm font-semibold text-gray-800" data-testid="effective-date">
        Effective date: {formatPolicyDate(target.effectiveAt)} · Version {target.version}{" "}
        <VersionStateBadge state={target.state} />
      </p>
      <h1 className="mt-2 text-3xl font-bold text-gray-900">
        {target.document.title}: changes in version {target.version}
      </h1>
      <p className="mt-2 text-gray-800">
        {previous
          ? `Compared with version ${previous.version} (effective ${formatPolicyDate(previous.effectiveAt)}): ${diff.added} words added, ${diff.removed} removed, in ${diff.changedSections} of ${diff.sections.length} sections.`
          : "This is the first version; everything is new."}
      </p>
      {target.summary ? (
        <section aria-labelledby="summary-heading" className="mt-6 rounded-lg border border-gray-200 bg-white p-4">
          <h2 id="summary-heading" className="font-semibold text-gray-900">
            Summary of changes
          </h2>
          <p className="mt-1 whitespace-pre-line text-gray-800">{target.summary}</p>
        </section>
      ) : null}
      <p className="mt-4 flex flex-wrap gap-4 text-sm">
        <Link className="text-brand-700 underline" href={`${base}/v/${target.version}`}>
          Read version {target.version}
        </Link>
        {previous ? (
          <Link className="text-brand-700 underline" href={`${base}/v/${previous.version}`}>
            Read version {previous.version}
          </Link>
        ) : null}
        <Link className="text-brand-700 underline" href={`${base}/archive`}>
          All versions
        </Link>
      </p>
      <div className="mt-6">
        <PolicyDiff
          diff={diff}
          label={`Changes in version ${target.version}`}
          onlyChanges={props.onlyChanges}
          links={{
            all: `${base}/v/${target.version}/changes`,
            only: `${base}/v/${target.version}/changes/only`,
          }}
        />
      </div>
    </article>
  );
}
