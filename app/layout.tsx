import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { CookieSettingsButton } from "@/components/cookie-banner";
import { CookieConsent } from "@/components/cookie-banner-root";
import { SignalNotice } from "@/components/signal-notice";
import { PolicyBanner } from "@/components/policy-banner";
import { SiteHeader } from "@/components/site-header";
import { signOutAction } from "./(auth)/signin/actions";
import { applyBrowserSignal, saveCookieChoice } from "./(public)/cookies/actions";
import { dismissPolicyBannerAction } from "./(public)/policies/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Privacy Center", template: "%s · Privacy Center" },
  description: "See, download, correct and delete the personal data we hold about you.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-gray-50 text-gray-900 antialiased">
        <a href="#main" className="skip-link rounded-md bg-white px-3 py-2 text-brand-700 shadow">
          Skip to content
        </a>
        <CookieConsent saveChoice={saveCookieChoice} />
        <SiteHeader signOutAction={signOutAction} />
        <SignalNotice applyAction={applyBrowserSignal} />
        <PolicyBanner dismissAction={dismissPolicyBannerAction} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
          {children}
        </main>
        <footer className="border-t border-gray-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap gap-4 px-4 py-6 text-sm text-gray-700 sm:px-6">
            <span>Privacy Center</span>
            <Link className="underline hover:text-gray-900" href="/policies/privacy">
              Privacy policy
            </Link>
            <Link className="underline hover:text-gray-900" href="/account/requests/new">
              Make a privacy request
            </Link>
            <Link className="underline hover:text-gray-900" href="/privacy/metrics">
              Request metrics
            </Link>
            <Link className="underline hover:text-gray-900" href="/privacy/sharing">
              Who we share with
            </Link>
            <Link className="underline hover:text-gray-900" href="/privacy/statistics">
              Community statistics
            </Link>
            <Link className="underline hover:text-gray-900" href="/requests/new">
              Request without an account
            </Link>
            <Link className="underline hover:text-gray-900" href="/parents">
              Remove my child&apos;s information
            </Link>
            <CookieSettingsButton />
          </div>
        </footer>
      </body>
    </html>
  );
}
