import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { Action } from "@/lib/actions";
import { HeaderAccount } from "./header-account";

/** The site's name, linking home (also on the last-resort error document, app/global-error.tsx). */
// The last-resort error page (outside the layout, so without the catalogues) shows it in English.
export function SiteBrand(props: { name?: string }) {
  return (
    <Link href="/" className="inline-flex items-center gap-2 text-lg font-bold text-brand-900">
      <span aria-hidden="true" className="inline-block h-7 w-7 rounded-md bg-brand-600 text-center text-white">
        P
      </span>
      {props.name ?? "Privacy Center"}
    </Link>
  );
}

// The same for every visitor (pages are cached); who is signed in shows in HeaderAccount.
// The language switcher is a server component, handed in by the layout.
export function SiteHeader(props: { signOutAction: Action<null>; languageSwitcher?: ReactNode }) {
  const t = useTranslations("common");
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <SiteBrand name={t("brand")} />
        {/* On a phone the language switcher sits beside the brand and the links take the next row. */}
        <nav
          aria-label={t("header.navLabel")}
          className="order-3 flex w-full flex-wrap items-center gap-1 text-sm sm:order-2 sm:w-auto"
        >
          <Link className="rounded-md px-3 py-2 text-gray-800 hover:bg-gray-100" href="/policies/privacy">
            {t("header.privacyPolicy")}
          </Link>
          <HeaderAccount
            signOutAction={props.signOutAction}
            labels={{
              signIn: t("header.signIn"),
              loadingAccount: t("header.loadingAccount"),
              signedInAs: t("header.signedInAs"),
              yourAccount: t("header.yourAccount"),
              admin: t("header.admin"),
              signOut: t("header.signOut"),
            }}
          />
        </nav>
        <div className="order-2 sm:order-3">{props.languageSwitcher}</div>
      </div>
    </header>
  );
}
