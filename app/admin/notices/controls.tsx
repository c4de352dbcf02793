"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import { controlCampaignAction, setRateAction } from "./actions";

export function CampaignControls(props: { campaignId: string; status: string; ratePerSecond: number }) {
  const live = props.status === "RUNNING" || props.status === "PAUSED";
  if (!live) return null;
  return (
    <div className="space-y-4">
      <FormShell
        action={controlCampaignAction}
        className="flex flex-wrap gap-2"
        confirm={(submitter) =>
          submitter?.value === "cancel" ? "Cancel this campaign? Messages not yet sent will never be sent." : null
        }
      >
        <input type="hidden" name="campaignId" value={props.campaignId} />
        {props.status === "RUNNING" ? (
          <SubmitButton name="action" value="pause" variant="secondary">
            Pause
          </SubmitButton>
        ) : null}
        {props.status === "PAUSED" ? (
          <SubmitButton name="action" value="resume">
            Resume
          </SubmitButton>
        ) : null}
        <SubmitButton name="action" value="cancel" variant="danger">
          Cancel campaign
        </SubmitButton>
      </FormShell>
      <FormShell action={setRateAction} className="flex flex-wrap items-end gap-2">
        {(form) => (
          <>
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
                defaultValue={form.value("ratePerSecond") ?? props.ratePerSecond}
                aria-invalid={form.invalid("ratePerSecond")}
                aria-describedby="ratePerSecond-error"
              />
              <FieldError id="ratePerSecond-error" errors={form.error("ratePerSecond")} />
            </div>
            <input type="hidden" name="campaignId" value={props.campaignId} />
            <SubmitButton variant="secondary">Set rate</SubmitButton>
          </>
        )}
      </FormShell>
    </div>
  );
}
