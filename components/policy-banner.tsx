// Site-wide notice while a substantive policy version is upcoming or newly
// effective; dismissible per signed-in user (per browser for visitors).
import Link from "next/link";
import { cookies } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getViewer } from "@/lib/dal";
import { BANNER_COOKIE, findBannerNotices } from "@/lib/policies/banner";
import type { Action } from "@/lib/actions";
import { log } from "@/lib/core/log";
import { formatDate } from "@/lib/core/format";

export async function PolicyBanner(props: { dismissAction: Action<null> }) {
  let notices;
  try {
    const viewer = await getViewer();
    const dismissedIds = viewer ? [] : ((await cookies()).get(BANNER_COOKIE)?.value ?? "").split(",").filter(Boolean);
    notices = await findBannerNotices({ userId: viewer?.userId ?? null, dismissedIds });
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (dynamic rendering bail-outs) must pass through.
    // Otherwise the banner must never take a page down.
    log.error("policy banner could not be rendered", { error });
    return null;
  }
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
            <strong>
              {notice.isUpcoming
                ? `Our ${notice.title} changes on ${formatDate(notice.effectiveAt, "longDate")}.`
                : `Our ${notice.title} changed on ${formatDate(notice.effectiveAt, "longDate")}.`}
            </strong>{" "}
            <Link className="font-medium underline" href={`/policies/${notice.slug}/v/${notice.version}/changes`}>
              See what changes
            </Link>
          </p>
          <form action={props.dismissAction}>
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
