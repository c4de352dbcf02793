"use client";

import dynamic from "next/dynamic";
import { useVisitor } from "@/components/visitor";

// Only a signed-in reader sees the form, and only after /api/visitor answered: its code (and the
// form kit's) is fetched then, not with every anonymous visitor's policy page.
const MinorNoticeOptIn = dynamic(() => import("./minor-notice-form").then((module) => module.MinorNoticeOptIn), {
  ssr: false,
});

/** For a signed-in reader (the page itself is the same for everyone): their change-notice setting. */
export function ChangeNoticeSettings() {
  const state = useVisitor().state;
  if (!state?.viewer) return null;
  return (
    <section aria-labelledby="notices-heading" className="mt-12">
      <h2 id="notices-heading" className="mb-2 text-lg font-semibold text-gray-900">
        Change notices
      </h2>
      <MinorNoticeOptIn enabled={state.minorNoticeOptIn} />
    </section>
  );
}
