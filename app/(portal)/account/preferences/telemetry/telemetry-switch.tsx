"use client";

import { useState } from "react";
import { FormShell, SubmitButton } from "@/components/form-shell";
import { setAccountTelemetryAction, setInstallTelemetryAction } from "./actions";
import { formatNumber } from "@/lib/core/format";

/** On/off for one install (clusterId) or the whole account; turning off can delete what was collected. */
export function TelemetrySwitch(props: { clusterId?: string; name: string; enabled: boolean; reportsHeld: number }) {
  const [purge, setPurge] = useState(false);
  const idBase = `switch-${props.clusterId ?? "account"}`;
  return (
    <FormShell
      action={props.clusterId ? setInstallTelemetryAction : setAccountTelemetryAction}
      className="space-y-3"
      confirm={() =>
        purge
          ? `Delete ${formatNumber(props.reportsHeld)} collected reports from ${props.name}? This cannot be undone.`
          : null
      }
    >
      {props.clusterId ? <input type="hidden" name="clusterId" value={props.clusterId} /> : null}
      <input type="hidden" name="enabled" value={props.enabled ? "false" : "true"} />
      {props.enabled && props.reportsHeld > 0 ? (
        <div className="flex items-start gap-2">
          <input
            id={`${idBase}-purge`}
            name="purge"
            type="checkbox"
            checked={purge}
            onChange={(event) => setPurge(event.target.checked)}
            className="mt-1 h-4 w-4"
          />
          <label htmlFor={`${idBase}-purge`} className="text-sm text-gray-900">
            Also delete the {formatNumber(props.reportsHeld)} report{props.reportsHeld === 1 ? "" : "s"} already
            collected
          </label>
        </div>
      ) : null}
      <SubmitButton
        variant={props.enabled ? (purge ? "danger" : "secondary") : "primary"}
        pendingLabel="Saving…"
        aria-label={`${props.enabled ? "Turn off" : "Turn on"} telemetry for ${props.name}`}
      >
        {props.enabled ? (purge ? "Turn off and delete reports" : "Turn off telemetry") : "Turn on telemetry"}
      </SubmitButton>
    </FormShell>
  );
}
