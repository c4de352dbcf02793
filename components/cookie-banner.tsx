"use client";

// Consent banner: necessary / analytics / advertising. No non-essential script
// is in the server HTML; the first-party scripts (/analytics.js, and
// /analytics-ads.js standing in for Twitter conversion tracking) are added
// here only after consent, and never while a browser opt-out signal is sent.
// It is compact and stays at the bottom of the screen (under 30% of a phone's), first in the
// document for the keyboard, and never hides the focused control (scroll-padding). Pages are cached and the same for everyone, so
// the banner is in every page's HTML; COOKIE_BOOT_SCRIPT (in the page's head, before
// anything is drawn) hides it in a browser that has chosen or sends an opt-out signal,
// and the choice itself comes from /api/visitor.
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import type { Action } from "@/lib/actions";
import type { CookieChoice } from "@/lib/preferences/cookies";
import { useVisitor } from "./visitor";

/** Set on <html> by COOKIE_BOOT_SCRIPT; globals.css hides the banner while it is there. */
const BOOT_ATTRIBUTE = "data-cookie-choice";

const OPEN_EVENT = "cookie-settings:open";

function loadScriptOnce(src: string) {
  if (document.querySelector(`script[src="${src}"]`)) return;
  const script = document.createElement("script");
  script.src = src;
  script.async = true;
  document.body.appendChild(script);
}

const OPTIONAL_CATEGORIES = [
  { key: "analytics", label: "Analytics" },
  { key: "advertising", label: "Advertising" },
] as const;

export function CookieBanner(props: { saveChoice: Action<CookieChoice> }) {
  const visitor = useVisitor().state;
  const [choice, setChoice] = useState<CookieChoice | null>(null);
  // As in the page's HTML (a first visit) until the visitor's state arrives.
  const [open, setOpen] = useState(true);
  const [synced, setSynced] = useState(false);
  const [draft, setDraft] = useState<CookieChoice>({ analytics: false, advertising: false });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const bannerRef = useRef<HTMLElement>(null);
  const headingId = useId();
  const signal = visitor?.signal ?? null;
  const blocked = signal !== null;

  // Once the visitor's state has arrived: their choice, the banner open only if they have none.
  if (visitor && !synced) {
    setSynced(true);
    setChoice(visitor.cookieChoice);
    // A first visitor may already have ticked boxes in the banner of the page's HTML: keep them.
    if (visitor.cookieChoice) setDraft(visitor.cookieChoice);
    setOpen(visitor.cookieChoice === null && visitor.signal === null);
  }
  useEffect(() => {
    if (synced) document.documentElement.removeAttribute(BOOT_ATTRIBUTE);
  }, [synced]);

  // The banner stays in view at the bottom of the screen: whatever the keyboard focuses is
  // scrolled clear of it (scroll-padding), and the page's end scrolls above it (its place in the flow).
  useEffect(() => {
    const banner = bannerRef.current;
    if (!open || !banner) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingBottom = `${banner.offsetHeight}px`;
    });
    observer.observe(banner);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBottom = "";
    };
  }, [open]);

  useEffect(() => {
    if (blocked || !choice) return;
    if (choice.analytics) loadScriptOnce("/analytics.js");
    if (choice.advertising) loadScriptOnce("/analytics-ads.js");
  }, [choice, blocked]);

  useEffect(() => {
    const reopen = () => {
      setDraft(choice ?? { analytics: false, advertising: false });
      setOpen(true);
      requestAnimationFrame(() => headingRef.current?.focus());
    };
    window.addEventListener(OPEN_EVENT, reopen);
    return () => window.removeEventListener(OPEN_EVENT, reopen);
  }, [choice]);

  async function save(next: CookieChoice) {
    // A choice made before the visitor's state arrived wins over that (older) state.
    setSynced(true);
    setPending(true);
    setError(null);
    try {
      const result = await props.saveChoice(null, next);
      if (!result.ok) return setError(result.message);
      setChoice(result.data);
      setDraft(result.data);
      setOpen(false);
    } catch {
      setError("Your choice could not be saved. Please try again.");
    } finally {
      setPending(false);
    }
  }

  if (!open) return null;
  const button = "rounded-md px-3 py-1.5 text-sm font-semibold disabled:cursor-not-allowed";
  const secondary = `${button} border border-gray-400 bg-white text-gray-900 hover:bg-gray-50`;
  return (
    <section
      ref={bannerRef}
      aria-labelledby={headingId}
      // Last in the page's flex column but first in the document, so the keyboard and screen readers reach it first.
      className="sticky bottom-0 z-40 order-last max-h-[80vh] overflow-y-auto border-t-2 border-brand-600 bg-white shadow-[0_-4px_16px_rgb(0_0_0/0.12)]"
      data-testid="cookie-banner"
      onKeyDown={(event) => {
        if (event.key === "Escape" && choice) setOpen(false);
      }}
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-3 sm:px-6 lg:flex-row lg:items-center lg:gap-6">
        <div className="lg:flex-1">
          <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-gray-900">
            Cookies on this site
          </h2>
          <p className="text-sm text-gray-700">
            Necessary cookies keep you signed in and the site secure. If you allow them, analytics cookies count visits
            and advertising cookies (Twitter conversion tracking) measure our ads.{" "}
            <Link className="font-medium text-brand-700 underline" href="/policies/cookies">
              Cookie policy
            </Link>
          </p>
          {blocked ? (
            <p className="mt-1 text-sm font-medium text-green-900" role="status">
              Your browser sends an opt-out signal ({signal}), so analytics and advertising stay off.
            </p>
          ) : null}
        </div>
        <div className="flex flex-col gap-2">
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-900">
            <legend className="sr-only">Cookie categories</legend>
            <label className="flex items-center gap-1.5">
              <input type="checkbox" checked disabled className="h-4 w-4" />
              Necessary <span className="sr-only">(always on)</span>
            </label>
            {OPTIONAL_CATEGORIES.map((category) => (
              <label key={category.key} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  className="h-4 w-4"
                  checked={!blocked && draft[category.key]}
                  disabled={blocked}
                  onChange={(event) => setDraft({ ...draft, [category.key]: event.target.checked })}
                />
                {category.label}
              </label>
            ))}
          </fieldset>
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {blocked ? null : (
              <button
                type="button"
                disabled={pending}
                onClick={() => save({ analytics: true, advertising: true })}
                className={`${button} bg-brand-600 text-white hover:bg-brand-700 disabled:bg-gray-400`}
              >
                Accept all
              </button>
            )}
            <button
              type="button"
              disabled={pending}
              onClick={() => save({ analytics: false, advertising: false })}
              className={secondary}
            >
              Necessary only
            </button>
            {blocked ? null : (
              <button type="button" disabled={pending} onClick={() => save(draft)} className={secondary}>
                Save my choices
              </button>
            )}
            {choice ? (
              <button type="button" onClick={() => setOpen(false)} className={`${button} text-gray-800 underline`}>
                Close
              </button>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}

/**
 * Runs in the head before the page is drawn: a browser that has chosen (the readable
 * marker cookie the save action sets) or sends an opt-out signal never sees the banner
 * flash. Its hash is in every page's CSP (lib/core/csp.ts).
 */
export { COOKIE_BOOT_SCRIPT } from "@/lib/core/boot-script";

/** Footer control that reopens the banner. */
export function CookieSettingsButton() {
  return (
    <button
      type="button"
      className="underline hover:text-gray-900"
      onClick={() => window.dispatchEvent(new Event(OPEN_EVENT))}
    >
      Cookie settings
    </button>
  );
}
