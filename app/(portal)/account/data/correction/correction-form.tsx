"use client";

import { useActionState } from "react";
import { Alert, Button, inputClass, labelClass } from "@/components/ui";
import { fileCorrectionAction, type CorrectionState } from "../actions";

export function CorrectionForm(props: { dataset: string; itemId: string }) {
  const [state, action, pending] = useActionState<CorrectionState, FormData>(fileCorrectionAction, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  if (state?.ok) {
    return (
      <Alert tone="success" title="Correction request filed">
        <p>{state.message}</p>
        <p className="mt-1">Reference: <code data-testid="request-id">{state.requestId}</code></p>
      </Alert>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="dataset" value={props.dataset} />
      <input type="hidden" name="itemId" value={props.itemId} />
      <div className="space-y-1">
        <label className={labelClass} htmlFor="details">What is wrong?</label>
        <textarea className={inputClass} id="details" name="details" rows={4} required aria-invalid={errors.details ? true : undefined} aria-describedby="details-error" />
        {errors.details?.length ? <p id="details-error" className="text-sm text-red-700">{errors.details[0]}</p> : null}
      </div>
      <div className="space-y-1">
        <label className={labelClass} htmlFor="correctValue">What should it be? (optional)</label>
        <input className={inputClass} id="correctValue" name="correctValue" aria-describedby="correctValue-error" />
        {errors.correctValue?.length ? <p id="correctValue-error" className="text-sm text-red-700">{errors.correctValue[0]}</p> : null}
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Filing…" : "File correction request"}</Button>
    </form>
  );
}
