// How a policy's text is laid out: its key points at the top, a table of contents
// (collapsible on a phone, beside the text and sticky on a wide screen), then the
// text. Only presentation (no imports from lib/), so the admin editor's live
// preview, a client component, shows exactly what the public page will.
import type { PolicyLayout } from "@/lib/policies/markdown";

/**
 * Typography of rendered policy HTML; long words, links and commands wrap instead of widening the page.
 * On a phone the lines are a little closer (22.4 px at 15 px) and list items less indented, with a
 * small gap between items instead, so the whole text is shorter to scroll without hiding any of it.
 */
export const policyProseClass =
  "space-y-3 text-[0.9375rem] leading-[1.4rem] text-gray-800 sm:space-y-4 sm:text-base sm:leading-7 [overflow-wrap:anywhere] [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-gray-100 [&_code]:px-1 [&_code]:text-sm [&_h1]:text-2xl [&_h1]:font-bold [&_h2]:mt-6 sm:[&_h2]:mt-8 [&_h2]:scroll-mt-4 [&_h2]:text-xl [&_h2]:leading-snug [&_h2]:font-semibold [&_h3]:mt-5 sm:[&_h3]:mt-6 [&_h3]:font-semibold [&_li]:ml-5 sm:[&_li]:ml-6 [&_li+li]:mt-1 sm:[&_li+li]:mt-0 [&_ol]:list-decimal [&_pre]:whitespace-pre-wrap [&_pre]:rounded-lg [&_pre]:bg-gray-100 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_ul]:list-disc";

function OutlineLinks(props: { outline: PolicyLayout["outline"] }) {
  return (
    <ol className="space-y-1 text-sm">
      {props.outline.map((item) => (
        <li key={item.id}>
          <a className="block rounded px-2 py-1 text-brand-700 hover:bg-gray-100 hover:underline" href={`#${item.id}`}>
            {item.title}
          </a>
        </li>
      ))}
    </ol>
  );
}

/** `narrow`: in a narrow column (the editor's preview), the contents stay folded at the top at every width. */
export function PolicyArticleView(props: { layout: PolicyLayout; narrow?: boolean }) {
  const { keyPointsHtml, outline, html } = props.layout;
  const hasContents = outline.length > 1;
  const wide = !props.narrow;
  return (
    <div>
      {keyPointsHtml ? (
        <section
          aria-labelledby="key-points-heading"
          className="mb-6 rounded-xl border border-brand-100 bg-brand-50 p-4 sm:mb-8 sm:p-5"
          data-testid="key-points"
        >
          <h2 id="key-points-heading" className="text-lg font-semibold text-gray-900">
            Key points
          </h2>
          <div className={`mt-1 sm:mt-2 ${policyProseClass}`} dangerouslySetInnerHTML={{ __html: keyPointsHtml }} />
        </section>
      ) : null}
      <div className={hasContents && wide ? "lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10" : ""}>
        {hasContents ? (
          <>
            <details
              className={`mb-6 rounded-lg border border-gray-200 bg-white ${wide ? "lg:hidden" : ""}`}
              data-testid="contents-phone"
            >
              <summary className="cursor-pointer px-4 py-3 font-semibold text-gray-900">
                Contents ({outline.length} sections)
              </summary>
              <nav aria-label="Contents" className="border-t border-gray-200 px-2 py-2">
                <OutlineLinks outline={outline} />
              </nav>
            </details>
            <div className={wide ? "hidden lg:block" : "hidden"}>
              <nav
                aria-label="Contents"
                className="sticky top-4 max-h-[calc(100vh-2rem)] overflow-y-auto"
                data-testid="contents-desktop"
              >
                <p className="mb-2 px-2 text-sm font-semibold text-gray-900">Contents</p>
                <OutlineLinks outline={outline} />
              </nav>
            </div>
          </>
        ) : null}
        <div className={`min-w-0 ${policyProseClass}`} dangerouslySetInnerHTML={{ __html: html }} />
      </div>
    </div>
  );
}
