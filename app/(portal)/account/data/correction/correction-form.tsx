"use client";

import { useActionState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { fileCorrectionAction } from "../actions";

export function CorrectionForm(props: { dataset: string; itemId: string }) {
  const [state, action, pending] = useActionState<ActionState<{ requestId: string }>, FormData>(
    fileCorrectionAction,
    null,
  );
  const errors = fieldErrorsOf(state);
  if (state?.ok) {
    return (
      <Alert tone="success" title="Correction request filed">
        <p>{state.message}</p>
        <p className="mt-1">
          Reference: <code data-testid="request-id">{state.data.requestId}</code>
        </p>
      </Alert>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="dataset" value={props.dataset} />
      <input type="hidden" name="itemId" value={props.itemId} />
      <div className="space-y-1">
        <label className={labelClass} htmlFor="details">
          What is wrong?
        </label>
        <textarea
          className={inputClass}
          id="details"
          name="details"
          rows={4}
          required
          aria-invalid={errors.details ? true : undefined}
          aria-describedby="details-error"
        />
        <FieldError id="details-error" errors={errors.details} />
      </div>
      <div className="space-y-1">
        <label className={labelClass} htmlFor="correctValue">
          What should it be? (optional)
        </label>
        <input
          className={inputClass}
          id="correctValue"
          name="correctValue"
          aria-invalid={errors.correctValue ? true : undefined}
          aria-describedby="correctValue-error"
        />
        <FieldError id="correctValue-error" errors={errors.correctValue} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Filing…" : "File correction request"}
      </Button>
    </form>
  );
}
