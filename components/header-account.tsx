"use client";

// The header's signed-in part. Pages are cached and the same for everyone, so until
// /api/visitor has answered the header shows a neutral placeholder the size of "Sign in"
// (a signed-in person never sees "Sign in" flash, and nothing moves for a visitor);
// then "Sign in", or the person's name, their account, admin and sign-out.
import Link from "next/link";
import type { Action } from "@/lib/actions";
import { useVisitor } from "./visitor";

const SIGN_IN_CLASS = "rounded-md px-3 py-2 font-semibold";

/** The header's words, translated on the server: no message runtime ships to the browser for them. */
export type HeaderAccountLabels = Record<
  "signIn" | "loadingAccount" | "signedInAs" | "yourAccount" | "admin" | "signOut",
  string
>;

export function HeaderAccount(props: { signOutAction: Action<null>; labels: HeaderAccountLabels }) {
  const { state, isSettled } = useVisitor();
  const t = (key: keyof HeaderAccountLabels) => props.labels[key];
  const viewer = state?.viewer;
  if (!viewer && !isSettled)
    return (
      <span className={`${SIGN_IN_CLASS} bg-gray-100`} data-testid="header-account-pending">
        {/* Invisible words keep the placeholder exactly as wide as "Sign in". */}
        <span className="invisible" aria-hidden="true">
          {t("signIn")}
        </span>
        <span className="sr-only">{t("loadingAccount")}</span>
      </span>
    );
  if (!viewer)
    return (
      <Link className={`${SIGN_IN_CLASS} bg-brand-600 text-white hover:bg-brand-700`} href="/signin">
        {t("signIn")}
      </Link>
    );
  return (
    <>
      <span className="max-w-48 truncate px-3 py-2 text-gray-700" data-testid="header-name">
        <span className="sr-only">{t("signedInAs")} </span>
        {viewer.name || viewer.email}
      </span>
      <Link className="rounded-md px-3 py-2 text-gray-800 hover:bg-gray-100" href="/account">
        {t("yourAccount")}
      </Link>
      {viewer.role === "ADMIN" ? (
        <Link className="rounded-md px-3 py-2 text-gray-800 hover:bg-gray-100" href="/admin">
          {t("admin")}
        </Link>
      ) : null}
      <form action={props.signOutAction}>
        <button type="submit" className="rounded-md px-3 py-2 font-medium text-gray-800 hover:bg-gray-100">
          {t("signOut")}
        </button>
      </form>
    </>
  );
}
