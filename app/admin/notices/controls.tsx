"use client";

import { useActionState } from "react";
import { Alert, Button, inputClass, labelClass } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { controlCampaignAction, setRateAction } from "./actions";

export function CampaignControls(props: { campaignId: string; status: string; ratePerSecond: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(controlCampaignAction, null);
  const [rateState, rateAction, ratePending] = useActionState<ActionState, FormData>(setRateAction, null);
  const live = props.status === "RUNNING" || props.status === "PAUSED";
  return (
    <div className="space-y-4">
      {live ? (
        <form
          action={action}
          className="flex flex-wrap gap-2"
          onSubmit={(event) => {
            const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
            if (
              submitter?.value === "cancel" &&
              !window.confirm("Cancel this campaign? Messages not yet sent will never be sent.")
            )
              event.preventDefault();
          }}
        >
          <input type="hidden" name="campaignId" value={props.campaignId} />
          {props.status === "RUNNING" ? (
            <Button type="submit" name="action" value="pause" variant="secondary" disabled={pending}>
              Pause
            </Button>
          ) : null}
          {props.status === "PAUSED" ? (
            <Button type="submit" name="action" value="resume" disabled={pending}>
              Resume
            </Button>
          ) : null}
          <Button type="submit" name="action" value="cancel" variant="danger" disabled={pending}>
            Cancel campaign
          </Button>
        </form>
      ) : null}
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {live ? (
        <form action={rateAction} className="flex flex-wrap items-end gap-2" noValidate>
          <input type="hidden" name="campaignId" value={props.campaignId} />
          <div className="space-y-1">
            <label className={labelClass} htmlFor="ratePerSecond">
              Rate limit (messages per second)
            </label>
            <input
              className={`${inputClass} w-40`}
              id="ratePerSecond"
              name="ratePerSecond"
              type="number"
              min={1}
              max={10000}
              defaultValue={props.ratePerSecond}
              aria-describedby="rate-error"
            />
          </div>
          <Button type="submit" variant="secondary" disabled={ratePending}>
            Set rate
          </Button>
          {rateState && !rateState.ok ? (
            <p id="rate-error" className="w-full text-sm text-red-700">
              {rateState.fieldErrors?.ratePerSecond?.[0] ?? rateState.message}
            </p>
          ) : null}
          {rateState?.ok ? <p className="w-full text-sm text-green-800">{rateState.message}</p> : null}
        </form>
      ) : null}
    </div>
  );
}
