"use client";

// Site-wide notice while a substantive policy version is upcoming or newly
// effective; dismissible per signed-in user (per browser for visitors). Which
// notices a visitor still sees comes from /api/visitor, so pages stay cacheable.
import Link from "next/link";
import type { Action } from "@/lib/actions";
import { useVisitor } from "./visitor";

export function PolicyBanner(props: { dismissAction: Action<null> }) {
  const { state, refresh } = useVisitor();
  const notices = state?.policyNotices ?? [];
  if (notices.length === 0) return null;
  return (
    <div className="border-b border-amber-200 bg-amber-50">
      {notices.map((notice) => (
        <section
          key={notice.versionId}
          aria-label={`${notice.title} update`}
          data-testid="policy-banner"
          className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm text-amber-950 sm:px-6"
        >
          <p>
            <strong>{notice.text}</strong>{" "}
            <Link className="font-medium underline" href={`/policies/${notice.slug}/v/${notice.version}/changes`}>
              See what changes
            </Link>
          </p>
          <form
            action={async (formData) => {
              await props.dismissAction(null, formData);
              refresh();
            }}
          >
            <input type="hidden" name="versionId" value={notice.versionId} />
            <button
              type="submit"
              className="rounded-md border border-amber-300 bg-white px-3 py-1 font-medium text-amber-950 hover:bg-amber-100"
            >
              Dismiss<span className="sr-only"> the {notice.title} notice</span>
            </button>
          </form>
        </section>
      ))}
    </div>
  );
}
