"use client";

// The header's signed-in part: "Sign in" for visitors (and until the visitor's state
// has arrived), the person's name, their account, admin and sign-out once it has.
import Link from "next/link";
import type { Action } from "@/lib/actions";
import { useVisitor } from "./visitor";

export function HeaderAccount(props: { signOutAction: Action<null> }) {
  const viewer = useVisitor().state?.viewer;
  if (!viewer)
    return (
      <Link className="rounded-md bg-brand-600 px-3 py-2 font-semibold text-white hover:bg-brand-700" href="/signin">
        Sign in
      </Link>
    );
  return (
    <>
      <span className="max-w-48 truncate px-3 py-2 text-gray-700" data-testid="header-name">
        <span className="sr-only">Signed in as </span>
        {viewer.name || viewer.email}
      </span>
      <Link className="rounded-md px-3 py-2 text-gray-800 hover:bg-gray-100" href="/account">
        Your account
      </Link>
      {viewer.role === "ADMIN" ? (
        <Link className="rounded-md px-3 py-2 text-gray-800 hover:bg-gray-100" href="/admin">
          Admin
        </Link>
      ) : null}
      <form action={props.signOutAction}>
        <button type="submit" className="rounded-md px-3 py-2 font-medium text-gray-800 hover:bg-gray-100">
          Sign out
        </button>
      </form>
    </>
  );
}
