// Whether code is running while answering one person's request, or while rendering a page
// once for everyone (a static or revalidated public page, a cached function). Asking for
// request headers or cookies in the second case makes Next.js give up the page's cache, so
// code that depends on the visitor (the test clock, the reader's language) asks this first.
export async function isAnsweringRequest(): Promise<boolean> {
  try {
    const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external");
    return workUnitAsyncStorage.getStore()?.type === "request";
  } catch {
    // Outside Next.js (worker, scripts, unit tests): no request.
    return false;
  }
}
