// The one way a policy version is shown: the public pages and the admin
// preview both use it, so the preview is exactly what gets published.
import Link from "next/link";
import type { DiffSection, PolicyDiff as PolicyDiffData } from "@/lib/policies/diff";
import { formatDate } from "@/lib/core/format";
import { layoutPolicy } from "@/lib/policies/markdown";
import { PolicyArticleView, policyProseClass } from "./policy-article";

export function formatPolicyDate(date: Date | null | undefined): string {
  return date ? formatDate(date, "longDate") : "not set";
}

/** A policy's text with its key points and table of contents. */
export function PolicyBody(props: { markdown: string }) {
  return <PolicyArticleView layout={layoutPolicy(props.markdown)} />;
}

const changeMarks =
  "[&_ins]:bg-green-100 [&_ins]:text-green-900 [&_ins]:decoration-green-700 [&_del]:bg-red-100 [&_del]:text-red-900 [&_del]:decoration-red-700";

/** With `collapse`, unchanged paragraphs between changes become one line saying how many there are. */
function DiffBlocks(props: { section: DiffSection; collapse: boolean }) {
  const rows: { block: DiffSection["blocks"][number] | null; skipped: number }[] = [];
  for (const block of props.section.blocks) {
    const last = rows[rows.length - 1];
    if (props.collapse && block.kind === "same" && !block.isHeading) {
      if (last && !last.block) last.skipped++;
      else rows.push({ block: null, skipped: 1 });
    } else rows.push({ block, skipped: 0 });
  }
  return (
    <>
      {rows.map(({ block, skipped }, index) =>
        !block ? (
          <p key={index} className="text-sm text-gray-600" data-testid="unchanged-paragraphs">
            ⋯ {skipped} unchanged {skipped === 1 ? "paragraph" : "paragraphs"}
          </p>
        ) : block.kind === "added" ? (
          <ins
            key={index}
            className="block rounded-r border-l-4 border-green-700 bg-green-50 pl-3 text-green-950 no-underline [&_*]:no-underline"
            data-change="added"
            dangerouslySetInnerHTML={{ __html: block.html }}
          />
        ) : block.kind === "removed" ? (
          <del
            key={index}
            className="block rounded-r border-l-4 border-red-700 bg-red-50 pl-3 text-red-950"
            data-change="removed"
            dangerouslySetInnerHTML={{ __html: block.html }}
          />
        ) : (
          <div
            key={index}
            data-change={block.kind === "changed" ? "changed" : undefined}
            dangerouslySetInnerHTML={{ __html: block.html }}
          />
        ),
      )}
    </>
  );
}

function HiddenSections(props: { count: number }) {
  return (
    <p className="rounded-md bg-gray-100 px-3 py-2 text-sm text-gray-700" data-testid="unchanged-sections">
      {props.count} unchanged {props.count === 1 ? "section" : "sections"} not shown
    </p>
  );
}

/**
 * The changes between two versions as formatted text: added text underlined on green,
 * removed text struck through on red. With `onlyChanges`, sections without a change are
 * left out (and counted); `links` offers both views.
 */
export function PolicyDiff(props: {
  diff: PolicyDiffData;
  label?: string;
  onlyChanges?: boolean;
  links?: { all: string; only: string };
}) {
  const { diff, onlyChanges } = props;
  const rows: React.ReactNode[] = [];
  let hidden = 0;
  diff.sections.forEach((section, index) => {
    if (onlyChanges && !section.changed) {
      hidden++;
      return;
    }
    if (hidden) rows.push(<HiddenSections key={`hidden-${index}`} count={hidden} />);
    hidden = 0;
    rows.push(
      <div key={index} className="space-y-4" data-section-changed={section.changed ? "true" : "false"}>
        <DiffBlocks section={section} collapse={Boolean(onlyChanges)} />
      </div>,
    );
  });
  if (hidden) rows.push(<HiddenSections key="hidden-end" count={hidden} />);
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="flex flex-wrap gap-3 text-sm text-gray-800">
          <ins className="rounded bg-green-100 px-1 text-green-900">Added text</ins>
          <del className="rounded bg-red-100 px-1 text-red-900">Removed text</del>
        </p>
        {props.links ? (
          <nav aria-label="Which text to show" className="flex flex-wrap gap-2 text-sm">
            <Link
              href={props.links.all}
              aria-current={onlyChanges ? undefined : "page"}
              className="rounded-md border border-gray-300 px-3 py-1.5 font-medium text-brand-700 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50"
            >
              Whole text
            </Link>
            <Link
              href={props.links.only}
              aria-current={onlyChanges ? "page" : undefined}
              className="rounded-md border border-gray-300 px-3 py-1.5 font-medium text-brand-700 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50"
            >
              Only changes ({diff.changedSections} of {diff.sections.length} sections)
            </Link>
          </nav>
        ) : null}
      </div>
      <section
        aria-label={props.label ?? "Changes"}
        className={`space-y-6 rounded-lg border border-gray-200 bg-white p-4 sm:p-6 ${policyProseClass} ${changeMarks}`}
      >
        {diff.sections.length ? rows : <p>No text.</p>}
      </section>
    </div>
  );
}

export function VersionStateBadge(props: { state: "current" | "upcoming" | "superseded" | "draft" }) {
  const styles = {
    current: "bg-green-100 text-green-900",
    upcoming: "bg-amber-100 text-amber-900",
    superseded: "bg-gray-200 text-gray-800",
    draft: "bg-blue-100 text-blue-900",
  }[props.state];
  const label = { current: "Current", upcoming: "Upcoming", superseded: "Superseded", draft: "Draft" }[props.state];
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${styles}`}>{label}</span>;
}
