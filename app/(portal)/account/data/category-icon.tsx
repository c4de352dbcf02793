// A small picture for each kind of source, so the list of categories can be scanned by eye.
// Decorative (the category's name says it all); outline icons in the style of Heroicons.
import { findCategory, type DataSourceKind } from "@/lib/data/registry";

const PATHS: Record<DataSourceKind, string> = {
  // a person
  PROVIDED:
    "M15.75 6a3.75 3.75 0 1 1-7.5 0 3.75 3.75 0 0 1 7.5 0ZM4.5 20.1a7.5 7.5 0 0 1 15 0A17.9 17.9 0 0 1 12 21.75c-2.68 0-5.22-.58-7.5-1.65Z",
  // a server
  AUTOMATIC:
    "M5.25 14.25h13.5m-13.5 0a3 3 0 0 1-3-3m3 3a3 3 0 1 0 0 6h13.5a3 3 0 1 0 0-6m-16.5-3a3 3 0 0 1 3-3h13.5a3 3 0 0 1 3 3m-19.5 0a4.5 4.5 0 0 1 .9-2.7L5.74 4.8a3 3 0 0 1 2.4-1.2h7.72a3 3 0 0 1 2.4 1.2l2.59 3.45a4.5 4.5 0 0 1 .9 2.7m0 0a3 3 0 0 1-3 3m0 3h.01v.01h-.01v-.01Zm0-6h.01v.01h-.01v-.01Z",
  // a link
  THIRD_PARTY:
    "M13.19 8.69a4.5 4.5 0 0 1 1.24 7.24l-4.5 4.5a4.5 4.5 0 0 1-6.36-6.36l1.76-1.76m13.35-.62 1.76-1.76a4.5 4.5 0 0 0-6.36-6.36l-4.5 4.5a4.5 4.5 0 0 0 1.24 7.24",
  // a light bulb
  INFERRED:
    "M12 18v-5.25m0 0a6.01 6.01 0 0 0 1.5-.19m-1.5.19a6.01 6.01 0 0 1-1.5-.19m3.75 7.48a12.06 12.06 0 0 1-4.5 0m3.75 2.38a14.4 14.4 0 0 1-3 0M14.25 18v-.19c0-.98.66-1.82 1.51-2.32a7.5 7.5 0 1 0-7.52 0c.85.5 1.51 1.34 1.51 2.32V18",
};

export function CategoryIcon(props: { slug: string }) {
  const source = findCategory(props.slug)?.source ?? "PROVIDED";
  return (
    <span className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        className="h-5 w-5"
      >
        <path d={PATHS[source]} />
      </svg>
    </span>
  );
}
