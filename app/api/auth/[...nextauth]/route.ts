// Auth.js's own routes are not served. Signing in has one path: the sign-in form
// (app/(auth)/signin/actions.ts: per-address and per-IP limits) sends the link
// through Auth.js in-process, and the confirm page's POST (app/api/auth/confirm:
// origin check, erasure check, age question) completes it through Auth.js
// in-process. Served as they are, Auth.js's POST callback and sign-in routes
// would skip every one of those rules; the portal uses none of the others
// (sessions are read and ended server-side through auth() and signOut()).
// e2e/auth.spec.ts tries every Auth.js action, provider and method here.
import { NextRequest, NextResponse } from "next/server";
import { errorResponse } from "@/lib/actions/route";
import { buildConfirmPageUrl } from "@/lib/auth/confirm-url";
import { AppError } from "@/lib/core/errors";

/** The raw email callback (a link in Auth.js's shape) only redirects to the confirm page. Nothing else exists. */
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname === "/api/auth/callback/nodemailer") {
    return NextResponse.redirect(buildConfirmPageUrl(request.nextUrl.searchParams), 303);
  }
  return errorResponse(new AppError("NOT_FOUND"));
}

// No POST (nor any other method): Next.js answers 405.
