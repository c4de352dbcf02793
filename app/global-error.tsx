"use client";
// Last resort: the root layout itself failed, so this renders its own document.
import { ErrorPanel } from "@/components/error-panel";
import "./globals.css";

export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 px-4 py-16 text-gray-900 antialiased">
        <title>Something went wrong · Privacy Center</title>
        <main>
          <ErrorPanel error={props.error} retry={props.retry} back={{ href: "/", label: "Go to the home page" }} />
        </main>
      </body>
    </html>
  );
}
