import { NextRequest, NextResponse } from "next/server";
import { handlers } from "@/lib/auth/instance";

// A GET of the raw email callback never signs in: it is sent to the confirm
// page, whose POST (app/api/auth/confirm) completes the sign-in.
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith("/callback/nodemailer")) {
    const confirm = new URL("/signin/confirm", request.nextUrl);
    for (const key of ["token", "email", "callbackUrl"]) {
      const value = request.nextUrl.searchParams.get(key);
      if (value) confirm.searchParams.set(key, value);
    }
    return NextResponse.redirect(confirm, 303);
  }
  return handlers.GET(request);
}

export const POST = handlers.POST;
