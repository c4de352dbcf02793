// The page an emailed sign-in link opens. Always on APP_URL: the address a
// request reached the server on (Next.js sees its bind address, 0.0.0.0:PORT)
// is not one a browser can use.
import { env } from "../core/env";

/** /signin/confirm on APP_URL, with the link's token, address and callbackUrl taken from `params`. */
export function buildConfirmPageUrl(params: URLSearchParams): URL {
  const confirm = new URL("/signin/confirm", env().APP_URL);
  for (const key of ["token", "email", "callbackUrl"]) {
    const value = params.get(key);
    if (value) confirm.searchParams.set(key, value);
  }
  return confirm;
}
