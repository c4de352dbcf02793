import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { directionOf, type AppLocale } from "@/lib/core/i18n/config";
import { COOKIE_BOOT_SCRIPT, CookieBanner, CookieSettingsButton } from "@/components/cookie-banner";
import { SignalNotice } from "@/components/signal-notice";
import { PolicyBanner } from "@/components/policy-banner";
import { SiteHeader } from "@/components/site-header";
import { VisitorProvider } from "@/components/visitor";
import { signOutAction } from "./(auth)/signin/actions";
import { applyBrowserSignal, saveCookieChoice } from "./(public)/cookies/actions";
import { dismissPolicyBannerAction } from "./(public)/policies/actions";
import "./globals.css";

// Static, not generateMetadata: an async root generateMetadata is streamed after the page on
// dynamic pages and the title arrived late (axe "document-title" on /requests/new after an action).
// The brand is the same in every language for now; phase 2's [locale] layout titles per language.
export const metadata: Metadata = {
  title: { default: "Privacy Center", template: "%s · Privacy Center" },
  description: "See, download, correct and delete the personal data we hold about you.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d4ed8" };

// The same for every visitor, so public pages can be served from cache: what depends on
// who is looking (header, banners, cookie choice) comes from /api/visitor (VisitorProvider).
// The language is the page's (lib/i18n-request.ts): a public page's URL decides it, so it is
// the same for everyone. No message catalogue ships to the browser from here: client islands get
// their words as props (HeaderAccount), so public pages carry no next-intl client runtime.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("common");
  return (
    <html lang={locale} dir={directionOf(locale)} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: COOKIE_BOOT_SCRIPT }} />
      </head>
      <body className="flex min-h-screen flex-col bg-gray-50 text-gray-900 antialiased">
        <VisitorProvider>
          <a href="#main" className="skip-link rounded-md bg-white px-3 py-2 text-brand-700 shadow">
            {t("skipToContent")}
          </a>
          <CookieBanner saveChoice={saveCookieChoice} />
          <SiteHeader
            signOutAction={signOutAction}
            languageSwitcher={<LanguageSwitcher id="header-locale" compact />}
          />
          <SignalNotice applyAction={applyBrowserSignal} />
          <PolicyBanner dismissAction={dismissPolicyBannerAction} />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
            {children}
          </main>
          <footer className="border-t border-gray-200 bg-white">
            <div className="mx-auto flex max-w-6xl flex-wrap gap-4 px-4 py-6 text-sm text-gray-700 sm:px-6">
              <span>{t("brand")}</span>
              <Link className="underline hover:text-gray-900" href="/policies/privacy">
                {t("footer.privacyPolicy")}
              </Link>
              <Link className="underline hover:text-gray-900" href="/account/requests/new">
                {t("footer.newRequest")}
              </Link>
              <Link className="underline hover:text-gray-900" href="/privacy/metrics">
                {t("footer.metrics")}
              </Link>
              <Link className="underline hover:text-gray-900" href="/privacy/sharing">
                {t("footer.sharing")}
              </Link>
              <Link className="underline hover:text-gray-900" href="/privacy/statistics">
                {t("footer.statistics")}
              </Link>
              <Link className="underline hover:text-gray-900" href="/requests/new">
                {t("footer.requestWithoutAccount")}
              </Link>
              <Link className="underline hover:text-gray-900" href="/parents">
                {t("footer.parents")}
              </Link>
              <CookieSettingsButton />
              <LanguageSwitcher id="footer-locale" />
            </div>
          </footer>
        </VisitorProvider>
      </body>
    </html>
  );
}
