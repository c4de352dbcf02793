"use client";
// What an error boundary (app/**/error.tsx) shows instead of a page that failed
// unexpectedly: a friendly message, the error's reference (Next.js's digest, also
// printed in the server log next to the error) and ways to try again or go back.
import Link from "next/link";
import { Card } from "./ui";

export function errorReference(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("digest" in error)) return null;
  return typeof error.digest === "string" && /^[\w-]{1,64}$/.test(error.digest) ? error.digest : null;
}

export function ErrorPanel(props: { error: unknown; retry?: () => void; back: { href: string; label: string } }) {
  const reference = errorReference(props.error);
  return (
    <div className="mx-auto max-w-md" data-testid="error-page">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">Something went wrong on our side</h1>
        <p className="mt-3 text-gray-700">
          We could not show this page. Nothing you did caused it, and nothing was changed by it. Please try again in a
          moment.
        </p>
        {reference ? (
          <p className="mt-3 text-sm text-gray-700">
            If it keeps happening, tell us this reference:{" "}
            <code className="rounded bg-gray-100 px-1 font-mono" data-testid="error-reference">
              {reference}
            </code>
          </p>
        ) : null}
        <div className="mt-6 flex flex-wrap items-center gap-4">
          {props.retry ? (
            <button
              type="button"
              onClick={props.retry}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
            >
              Try again
            </button>
          ) : null}
          <Link className="font-semibold text-brand-700 underline" href={props.back.href}>
            {props.back.label}
          </Link>
        </div>
      </Card>
    </div>
  );
}
