// The response header by which proxy.ts marks a public page for scripts/server.ts
// (lib/core/public-pages.ts), kept apart so the proxy bundle imports no node: modules.
export const PUBLIC_PAGE_HEADER = "x-public-page";
