// RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click`
// to the URL in the List-Unsubscribe header. The signed token names the user
// and the one category; no sign-in, no cookies. GET (a person or a scanner
// opening the URL) changes nothing and goes to the confirm page instead.
import { NextRequest, NextResponse } from "next/server";
import { verifyUnsubscribeToken } from "@/lib/email/unsubscribe";
import { unsubscribeWithToken } from "@/lib/preferences/unsubscribe";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token");
  const claim = verifyUnsubscribeToken(token);
  if (!claim) {
    return NextResponse.json({ error: "invalid_token", reason: "This unsubscribe link is not valid (it was changed or cut short)." }, { status: 400 });
  }
  const result = await unsubscribeWithToken({ claim, source: "ONE_CLICK" });
  if (!result.ok) return NextResponse.json({ error: "unknown_subscriber", reason: "There is no subscription for this link any more." }, { status: 410 });
  return NextResponse.json({ status: "unsubscribed", category: claim.category }, { headers: { "cache-control": "no-store" } });
}

export async function GET(request: NextRequest) {
  const target = new URL("/unsubscribe", request.nextUrl);
  const token = request.nextUrl.searchParams.get("token");
  if (token) target.searchParams.set("token", token);
  return NextResponse.redirect(target, 303);
}
