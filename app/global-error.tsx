"use client";
// Last resort: the root layout itself failed, so this renders its own document. (Turbopack gives
// every entry the one global stylesheet, so this carries it whatever it imports.)
import { ErrorPanel } from "@/components/error-panel";
import { SiteBrand } from "@/components/site-header";
import "./globals.css";

export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 text-gray-900 antialiased">
        <title>Something went wrong · Privacy Center</title>
        {/* The root layout failed, so not its header (it needs the visitor's state): the site's name and a way home. */}
        <header className="border-b border-gray-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-3 sm:px-6">
            <SiteBrand />
          </div>
        </header>
        <main className="px-4 py-16">
          <ErrorPanel error={props.error} retry={props.retry} back={{ href: "/", label: "Go to the home page" }} />
        </main>
      </body>
    </html>
  );
}
