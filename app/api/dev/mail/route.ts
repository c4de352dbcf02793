import { NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { isMailCatcherServed, listCaughtMail } from "@/lib/email/caught-mail";
import { textParam } from "@/lib/core/params";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  to: textParam(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** JSON view of the dev mail catcher: newest first. */
export async function GET(request: NextRequest) {
  if (!isMailCatcherServed()) return NextResponse.json({ error: "Not found" }, { status: 404 });
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success)
    return NextResponse.json({ error: "Use ?to=ADDRESS and optionally &limit=1..200" }, { status: 400 });
  const messages = await listCaughtMail(parsed.data);
  return NextResponse.json(messages, { headers: { "cache-control": "no-store" } });
}
