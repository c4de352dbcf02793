"use client";
// Last resort: the root layout itself failed, so this renders its own document, with its own
// few styles. It does not import globals.css: with inlined CSS, Next.js would put a second copy
// of the whole stylesheet (32 KB) into every page's payload for this rarely seen document.
import Link from "next/link";
import type { CSSProperties } from "react";
import { errorReference } from "@/components/error-panel";

const BRAND = "#1d4ed8";
const styles = {
  body: { margin: 0, minHeight: "100vh", background: "#f9fafb", color: "#111827", fontFamily: "system-ui, sans-serif" },
  header: { borderBottom: "1px solid #e5e7eb", background: "#fff", padding: "0.75rem 1rem" },
  brand: { display: "inline-flex", alignItems: "center", gap: "0.5rem", fontSize: "1.125rem", fontWeight: 700 },
  logo: { display: "inline-block", width: "1.75rem", height: "1.75rem", borderRadius: "0.375rem", background: BRAND },
  card: {
    maxWidth: "28rem",
    margin: "4rem auto",
    padding: "1.5rem",
    borderRadius: "0.75rem",
    border: "1px solid #e5e7eb",
    background: "#fff",
  },
  link: { color: BRAND, fontWeight: 600 },
  button: {
    border: 0,
    borderRadius: "0.375rem",
    padding: "0.5rem 1rem",
    background: BRAND,
    color: "#fff",
    fontWeight: 600,
    font: "inherit",
    cursor: "pointer",
  },
} satisfies Record<string, CSSProperties>;

export default function GlobalError(props: { error: unknown; retry: () => void }) {
  const reference = errorReference(props.error);
  return (
    <html lang="en">
      <body style={styles.body}>
        <title>Something went wrong · Privacy Center</title>
        <header style={styles.header}>
          <Link href="/" style={{ ...styles.brand, color: "#1e3a8a", textDecoration: "none" }}>
            <span aria-hidden="true" style={styles.logo} />
            Privacy Center
          </Link>
        </header>
        <main style={{ padding: "0 1rem" }}>
          <div style={styles.card} data-testid="error-page">
            <h1 style={{ margin: 0, fontSize: "1.5rem" }}>Something went wrong on our side</h1>
            <p>
              We could not show this page. Nothing you did caused it, and nothing was changed by it. Please try again in
              a moment.
            </p>
            {reference ? (
              <p>
                If it keeps happening, tell us this reference: <code data-testid="error-reference">{reference}</code>
              </p>
            ) : null}
            <p style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: "1rem", marginTop: "1.5rem" }}>
              <button type="button" onClick={props.retry} style={styles.button}>
                Try again
              </button>
              <Link href="/" style={styles.link}>
                Go to the home page
              </Link>
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
