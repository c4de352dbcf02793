"use client";

import { useActionState, useState, type FormEvent } from "react";
import { Alert, Button } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { setAccountTelemetryAction, setInstallTelemetryAction } from "./actions";
import { formatNumber } from "@/lib/core/format";

/** On/off for one install (clusterId) or the whole account; turning off can delete what was collected. */
export function TelemetrySwitch(props: { clusterId?: string; name: string; enabled: boolean; reportsHeld: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(
    props.clusterId ? setInstallTelemetryAction : setAccountTelemetryAction,
    null,
  );
  const [purge, setPurge] = useState(false);
  const idBase = `switch-${props.clusterId ?? "account"}`;

  function confirmPurge(event: FormEvent<HTMLFormElement>) {
    if (
      purge &&
      !window.confirm(
        `Delete ${formatNumber(props.reportsHeld)} collected reports from ${props.name}? This cannot be undone.`,
      )
    ) {
      event.preventDefault();
    }
  }

  return (
    <form action={action} onSubmit={confirmPurge} className="space-y-3">
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
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <Button
        type="submit"
        variant={props.enabled ? (purge ? "danger" : "secondary") : "primary"}
        disabled={pending}
        aria-label={`${props.enabled ? "Turn off" : "Turn on"} telemetry for ${props.name}`}
      >
        {pending
          ? "Saving…"
          : props.enabled
            ? purge
              ? "Turn off and delete reports"
              : "Turn off telemetry"
            : "Turn on telemetry"}
      </Button>
    </form>
  );
}
