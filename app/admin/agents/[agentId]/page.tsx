import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { DateTime } from "@/components/date-time";
import { Table } from "@/components/table";
import { Card, inputClass, labelClass, PageHeader } from "@/components/ui";
import { getAgentForTeam } from "@/lib/agents/admin";
import { agentIdSchema } from "@/lib/agents/schema";
import { isAppError } from "@/lib/core/errors";
import { parseParams, type RouteParams } from "@/lib/core/params";
import { requireAdmin } from "@/lib/dal";
import { requestReference } from "@/lib/requests/transitions";
import { notFound } from "next/navigation";
import { reactivateAgentAction, rotateAgentKeyAction, suspendAgentAction } from "../actions";

export const metadata: Metadata = { title: "Authorized agent" };
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ agentId: agentIdSchema });

export default async function AgentPage({ params }: { params: Promise<RouteParams> }) {
  const admin = await requireAdmin();
  const { agentId } = parseParams(paramsSchema, await params);
  const agent = await getAgentForTeam({ admin, agentId }).catch((error) => {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  });
  const hidden = <input type="hidden" name="agentId" value={agent.id} />;
  return (
    <div className="space-y-8">
      <PageHeader
        title={agent.name}
        description={
          <>
            <span className="font-mono">{agent.id}</span> · {agent.contact} ·{" "}
            {agent.status === "ACTIVE" ? "Active" : "Suspended"}
          </>
        }
      />
      <Card>
        <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">Verify key</dt>
          <dd className="font-mono break-all">{agent.verifyKey}</dd>
          <dt className="font-medium">Registered</dt>
          <dd>
            <DateTime value={agent.createdAt} format="dateTime" />
          </dd>
          <dt className="font-medium">Key rotated</dt>
          <dd>
            <DateTime value={agent.keyRotatedAt} format="dateTime" fallback="never" />
          </dd>
          <dt className="font-medium">Bearer token</dt>
          <dd>
            {agent.tokens.length ? (
              <>
                set up <DateTime value={agent.tokens[0].createdAt} format="dateTime" />, last used{" "}
                <DateTime value={agent.tokens[0].lastUsedAt} format="dateTime" fallback="never" />
              </>
            ) : (
              "none in force (the agent sets one up with POST /v1/agent/{agent-id})"
            )}
          </dd>
        </dl>
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{agent.status === "ACTIVE" ? "Suspend" : "Reactivate"}</h2>
          {agent.status === "ACTIVE" ? (
            <ActionForm
              action={suspendAgentAction}
              submitLabel="Suspend agent"
              variant="danger"
              confirm="Suspend this agent? Its token stops working at once."
            >
              {hidden}
            </ActionForm>
          ) : (
            <ActionForm action={reactivateAgentAction} submitLabel="Reactivate agent">
              {hidden}
            </ActionForm>
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Rotate key</h2>
          <ActionForm action={rotateAgentKeyAction} submitLabel="Rotate key" variant="secondary">
            {hidden}
            <label className={labelClass} htmlFor="verifyKey">
              New Ed25519 verify key (64 hex characters)
            </label>
            <input className={`${inputClass} font-mono`} id="verifyKey" name="verifyKey" required autoComplete="off" />
          </ActionForm>
        </Card>
      </div>
      <Table
        caption="Requests filed by this agent"
        captionVisible
        rows={agent.requests}
        rowKey={(row) => row.id}
        rowData={(row) => ({ "data-request": row.id })}
        empty="This agent has filed no requests."
        columns={[
          {
            key: "reference",
            header: "Request",
            rowHeader: true,
            cell: (row) => (
              <Link className="text-brand-700 underline" href={`/admin/requests/${row.privacyRequest.id}`}>
                {requestReference(row.privacyRequest.id)}
              </Link>
            ),
          },
          { key: "exercise", header: "Exercise", className: "font-mono", cell: (row) => row.exercise },
          {
            key: "status",
            header: "DRP status",
            cell: (row) => `${row.drp.status}${row.drp.reason ? ` / ${row.drp.reason}` : ""}`,
          },
          { key: "received", header: "Received", cell: (row) => <DateTime value={row.receivedAt} /> },
          { key: "due", header: "Due", cell: (row) => <DateTime value={row.privacyRequest.dueAt} /> },
          {
            key: "callback",
            header: "Last callback",
            cell: (row) => <DateTime value={row.lastCallbackAt} format="dateTime" fallback="none" />,
          },
          { key: "drpId", header: "request_id", className: "font-mono text-xs", cell: (row) => row.id },
        ]}
      />
      <Table
        caption="Latest calls"
        captionVisible
        rows={agent.calls}
        rowKey={(row) => row.id}
        empty="No calls yet."
        density="compact"
        columns={[
          { key: "at", header: "When", cell: (row) => <DateTime value={row.createdAt} format="dateTime" /> },
          { key: "endpoint", header: "Endpoint", className: "font-mono", cell: (row) => row.endpoint },
          { key: "status", header: "HTTP", align: "right", cell: (row) => row.status },
          { key: "outcome", header: "Outcome", className: "font-mono", cell: (row) => row.outcome },
        ]}
      />
    </div>
  );
}
