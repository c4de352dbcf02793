import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { listAgents } from "@/lib/agents/admin";
import { requireAdmin } from "@/lib/dal";
import { env } from "@/lib/core/env";
import { AgentForm } from "./agent-form";

export const metadata: Metadata = { title: "Authorized agents" };
export const dynamic = "force-dynamic";

export default async function AgentsPage() {
  const admin = await requireAdmin();
  const agents = await listAgents({ admin });
  return (
    <div className="space-y-8">
      <PageHeader
        title="Authorized agents"
        description={
          <>
            Agents that file requests for consumers through the Data Rights Protocol 0.9.4. Our business id is{" "}
            <code className="font-mono">{env().DRP_BUSINESS_ID}</code>; every signed message must name it.
          </>
        }
      />
      <Table
        caption="Registered agents"
        rows={agents}
        rowKey={(agent) => agent.id}
        rowData={(agent) => ({ "data-agent": agent.id })}
        empty="No agent is registered yet."
        columns={[
          {
            key: "id",
            header: "Agent",
            rowHeader: true,
            cell: (agent) => (
              <Link className="font-medium text-brand-700 underline" href={`/admin/agents/${agent.id}`}>
                {agent.name}
                <span className="block font-mono text-xs text-gray-700">{agent.id}</span>
              </Link>
            ),
          },
          { key: "contact", header: "Contact", cell: (agent) => agent.contact },
          { key: "status", header: "Status", cell: (agent) => (agent.status === "ACTIVE" ? "Active" : "Suspended") },
          { key: "requests", header: "Requests", align: "right", cell: (agent) => agent.requestCount },
          { key: "created", header: "Registered", cell: (agent) => <DateTime value={agent.createdAt} /> },
        ]}
      />
      <Card>
        <h2 className="mb-4 text-lg font-semibold">Register an agent</h2>
        <AgentForm />
      </Card>
    </div>
  );
}
