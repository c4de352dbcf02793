import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { verifySession } from "@/lib/dal";
import { getTelemetryOverview } from "@/lib/preferences/telemetry";
import { TelemetrySwitch } from "./telemetry-switch";
import { formatDate, formatNumber } from "@/lib/core/format";
import { EmptyState } from "@/components/empty-state";

export const metadata: Metadata = { title: "Telemetry" };

function StatusBadge(props: { on: boolean }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${props.on ? "bg-green-100 text-green-900" : "bg-gray-200 text-gray-900"}`}
    >
      {props.on ? "Reporting" : "Off"}
    </span>
  );
}

export default async function TelemetryPage() {
  const viewer = await verifySession();
  const overview = await getTelemetryOverview(viewer.userId);
  const totalReports = overview.installs.reduce((sum, install) => sum + install.reportsHeld, 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Telemetry"
        description="Your clusters and CLI installs send usage statistics to help us improve the product. Turn it off per install or for your whole account; it takes effect at once."
      />
      <Card>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div>
            <h2 className="text-lg font-semibold text-gray-900">All installs on this account</h2>
            <p className="mt-1 text-sm text-gray-700">
              {overview.accountEnabled
                ? "Telemetry is allowed for your account. Each install below can still be turned off on its own."
                : "Telemetry is off for your whole account: nothing any install sends is stored."}
            </p>
            <p className="mt-2">
              <StatusBadge on={overview.accountEnabled} />
            </p>
          </div>
          <div className="sm:w-80">
            <TelemetrySwitch name="all your installs" enabled={overview.accountEnabled} reportsHeld={totalReports} />
          </div>
        </div>
      </Card>

      <section aria-labelledby="installs-heading" className="space-y-3">
        <h2 id="installs-heading" className="text-xl font-semibold text-gray-900">
          Your installs
        </h2>
        {overview.installs.length === 0 ? (
          <EmptyState
            title="No cluster or CLI install is linked to your account yet."
            description="Installs appear here after they are linked."
          />
        ) : (
          <ul className="space-y-3">
            {overview.installs.map((install) => {
              const effective = install.telemetryEnabled && overview.accountEnabled;
              return (
                <li key={install.id}>
                  <Card>
                    <div className="flex flex-col gap-4 md:flex-row md:items-start md:justify-between">
                      <div className="min-w-0">
                        <h3 className="text-lg font-semibold text-gray-900">{install.name}</h3>
                        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                          <dt className="text-gray-700">Install id</dt>
                          <dd className="break-all font-mono text-gray-900">{install.id}</dd>
                          <dt className="text-gray-700">Kind</dt>
                          <dd className="text-gray-900">{install.kind === "CLI" ? "CLI" : "Cluster"}</dd>
                          <dt className="text-gray-700">Last report</dt>
                          <dd className="text-gray-900">
                            {install.lastReportAt ? `${formatDate(install.lastReportAt, "dateTime")} UTC` : "Never"}
                          </dd>
                          <dt className="text-gray-700">Reports held</dt>
                          <dd className="text-gray-900" data-testid={`reports-held-${install.id}`}>
                            {formatNumber(install.reportsHeld)}
                          </dd>
                          <dt className="text-gray-700">Status</dt>
                          <dd>
                            <StatusBadge on={effective} />
                            {install.telemetryEnabled && !overview.accountEnabled ? (
                              <span className="ml-2 text-sm text-gray-700">(off for the whole account)</span>
                            ) : null}
                          </dd>
                        </dl>
                      </div>
                      <div className="md:w-80">
                        {overview.accountEnabled ? (
                          <TelemetrySwitch
                            clusterId={install.id}
                            name={install.name}
                            enabled={install.telemetryEnabled}
                            reportsHeld={install.reportsHeld}
                          />
                        ) : (
                          // A switch here would change nothing while the whole account is off.
                          <p className="text-sm text-gray-700" data-testid={`install-off-${install.id}`}>
                            Off, with the rest of your account. Turn telemetry on for the account above to choose for
                            this install.
                          </p>
                        )}
                      </div>
                    </div>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <Card>
        <h2 className="text-lg font-semibold text-gray-900">Turn it off from the product instead</h2>
        <p className="mt-1 text-sm text-gray-700">
          On a cluster, this command does the same as that install&apos;s switch above. The install then tells us
          collection is off, and we store nothing it sends:
        </p>
        {/* It may scroll sideways on a phone: a named region that takes focus, so a keyboard can scroll it. */}
        <pre
          className="mt-3 overflow-x-auto rounded-md bg-gray-900 p-3 text-sm text-white focus:outline-2 focus:outline-offset-2 focus:outline-gray-900"
          tabIndex={0}
          role="region"
          aria-label="Command that turns telemetry off on a cluster"
        >
          <code>flynn -a controller env set TELEMETRY_DISABLED=true</code>
        </pre>
        <p className="mt-3 text-sm text-gray-700">
          For the CLI, set <code className="rounded bg-gray-100 px-1 text-gray-900">DO_NOT_TRACK=1</code> in your shell.
          Reports carrying either setting are discarded on arrival.
        </p>
      </Card>
    </div>
  );
}
