// The one way a policy version is shown: the public pages and the admin
// preview both use it, so the preview is exactly what gets published.
import type { DiffPart } from "@/lib/policies/diff";
import { formatDate } from "@/lib/core/format";
import { renderPolicyMarkdown } from "@/lib/policies/markdown";

export function formatPolicyDate(date: Date | null | undefined): string {
  return date ? formatDate(date, "longDate") : "not set";
}

export function PolicyBody(props: { markdown: string }) {
  return (
    <div
      className="prose-policy space-y-4 leading-7 text-gray-800 [&_a]:text-brand-700 [&_a]:underline [&_h1]:text-2xl [&_h1]:font-bold [&_h2]:mt-8 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:font-semibold [&_li]:ml-6 [&_ol]:list-decimal [&_ul]:list-disc"
      dangerouslySetInnerHTML={{ __html: renderPolicyMarkdown(props.markdown) }}
    />
  );
}

export function PolicyDiff(props: { parts: DiffPart[]; label?: string }) {
  return (
    <div>
      <p className="mb-3 flex flex-wrap gap-4 text-sm text-gray-800">
        <span>
          <ins className="rounded bg-green-100 px-1 text-green-900 no-underline">Added text</ins>
        </span>
        <span>
          <del className="rounded bg-red-100 px-1 text-red-900">Removed text</del>
        </span>
      </p>
      <div
        aria-label={props.label ?? "Changes, word by word"}
        role="region"
        tabIndex={0}
        className="overflow-x-auto whitespace-pre-wrap rounded-lg border border-gray-200 bg-white p-4 font-mono text-sm leading-6 text-gray-800"
      >
        {props.parts.map((part, index) =>
          part.kind === "added" ? (
            <ins key={index} className="bg-green-100 text-green-900 no-underline">
              {part.text}
            </ins>
          ) : part.kind === "removed" ? (
            <del key={index} className="bg-red-100 text-red-900">
              {part.text}
            </del>
          ) : (
            <UnchangedText
              key={index}
              text={part.text}
              isFirst={index === 0}
              isLast={index === props.parts.length - 1}
            />
          ),
        )}
      </div>
    </div>
  );
}

const CONTEXT_CHARS = 240;

/** Long unchanged stretches are shortened to some context around each change. */
function UnchangedText(props: { text: string; isFirst: boolean; isLast: boolean }) {
  const { text } = props;
  const keepBefore = props.isFirst ? 0 : CONTEXT_CHARS;
  const keepAfter = props.isLast ? 0 : CONTEXT_CHARS;
  if (text.length <= keepBefore + keepAfter + 80) return <span>{text}</span>;
  const hidden = text.slice(keepBefore, text.length - keepAfter);
  const words = hidden.trim() ? hidden.trim().split(/\s+/).length : 0;
  return (
    <span>
      {text.slice(0, keepBefore)}
      <span className="my-2 block rounded bg-gray-100 px-2 py-1 font-sans text-xs text-gray-700">
        … {words} unchanged words …
      </span>
      {text.slice(text.length - keepAfter)}
    </span>
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
