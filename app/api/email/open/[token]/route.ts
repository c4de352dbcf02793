// Email open confirmations (tracking pixel). The pixel is only put into mail
// when the user allowed it, and an open is only recorded if they still allow
// it when the image is fetched. Always answers the same 1×1 GIF.
import { getRequestIp } from "@/lib/auth/request-ip";
import { verifyOpenToken } from "@/lib/email/unsubscribe";
import { recordEmailOpen } from "@/lib/preferences/category-mail";
import { textParam } from "@/lib/core/params";

export const dynamic = "force-dynamic";

const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

const tokenSchema = textParam(1000);

export async function GET(request: Request, context: { params: Promise<{ token: string }> }) {
  // Next.js has decoded the segment already; a token that is not one (control characters,
  // absurd length) answers the same 404 image as a forged one.
  const parsed = tokenSchema.safeParse((await context.params).token);
  const open = parsed.success ? verifyOpenToken(parsed.data) : null;
  if (open) {
    await recordEmailOpen({
      ...open,
      ip: getRequestIp(request.headers),
      userAgent: request.headers.get("user-agent"),
    }).catch(() => false);
  }
  return new Response(new Uint8Array(gif), {
    status: open ? 200 : 404,
    headers: {
      "content-type": "image/gif",
      "cache-control": "no-store, private",
      "content-length": String(gif.length),
    },
  });
}
