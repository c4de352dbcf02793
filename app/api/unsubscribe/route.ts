// RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click`
// to the URL in the List-Unsubscribe header. The signed token names the user
// and the one category; no sign-in, no cookies. GET (a person or a scanner
// opening the URL) changes nothing and goes to the confirm page instead.
import { NextRequest, NextResponse } from "next/server";
import { errorResponse } from "@/lib/actions/route";
import { verifyUnsubscribeToken } from "@/lib/email/unsubscribe";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { unsubscribeWithToken } from "@/lib/preferences/unsubscribe";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  try {
    // A changed or cut-short link is a bad request (400); a valid link for a deleted account is 404.
    const claim = verifyUnsubscribeToken(request.nextUrl.searchParams.get("token"));
    if (!claim) throw new AppError("VALIDATION", { reason: "UNSUBSCRIBE_TOKEN" });
    await unsubscribeWithToken({ claim, source: "ONE_CLICK" });
    return NextResponse.json(
      { status: "unsubscribed", category: claim.category },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export async function GET(request: NextRequest) {
  // On APP_URL: the request's own URL names the server's bind address (0.0.0.0:PORT).
  const target = new URL("/unsubscribe", env().APP_URL);
  const token = request.nextUrl.searchParams.get("token");
  if (token) target.searchParams.set("token", token);
  return NextResponse.redirect(target, 303);
}
