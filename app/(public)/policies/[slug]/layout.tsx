import type { ReactNode } from "react";

// A policy's pages are the same for everyone and cached (each page's `revalidate`). The root
// layout asks for the request's language (lib/i18n-request.ts), which would make every page
// dynamic; force-static keeps these static: here headers and cookies read as empty, so an English
// URL is English for every visitor. Per-language copies get their own URLs (notes/issue-22.md).
export const dynamic = "force-static";

export default function PolicyLayout({ children }: { children: ReactNode }) {
  return children;
}
