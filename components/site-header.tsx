import Link from "next/link";
import type { Action } from "@/lib/actions";
import { getViewer } from "@/lib/dal";

export async function SiteHeader(props: { signOutAction: Action<null> }) {
  const viewer = await getViewer();
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-brand-900">
          <span aria-hidden="true" className="inline-block h-7 w-7 rounded-md bg-brand-600 text-center text-white">
            P
          </span>
          Privacy Center
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-1 text-sm">
          <Link className="rounded-md px-3 py-2 text-gray-800 hover:bg-gray-100" href="/policies/privacy">
            Privacy policy
          </Link>
          {viewer ? (
            <>
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
          ) : (
            <Link
              className="rounded-md bg-brand-600 px-3 py-2 font-semibold text-white hover:bg-brand-700"
              href="/signin"
            >
              Sign in
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}
