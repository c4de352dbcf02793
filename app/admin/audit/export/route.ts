// GET /admin/audit/export?<filters>: the filtered audit log as CSV (admins only, never cached).
import { errorResponse } from "@/lib/actions/route";
import { describeActor, describeIp, iterateAuditLog, parseAuditFilters } from "@/lib/audit/browse";
import { requireAdmin } from "@/lib/dal";
import { csvLine } from "@/lib/export/csv";

export const dynamic = "force-dynamic";

const HEADER = ["id", "at", "actor", "actor_ref", "action", "target_type", "target_id", "ip", "metadata"];

export async function GET(request: Request) {
  const viewer = await requireAdmin("action");
  try {
    const filters = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
    const rows = iterateAuditLog({ admin: viewer, filters });
    // The first page is read before the 200 goes out: a query that fails answers an
    // error status, not a 200 whose connection then drops.
    let next = await rows.next();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(csvLine(HEADER)));
      },
      async pull(controller) {
        if (next.done) return controller.close();
        const row = next.value;
        controller.enqueue(
          encoder.encode(
            csvLine([
              row.id,
              row.at.toISOString(),
              describeActor(row),
              row.actorRef,
              row.action,
              row.targetType,
              row.targetId,
              describeIp(row),
              JSON.stringify(row.metadata),
            ]),
          ),
        );
        next = await rows.next();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-log.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
