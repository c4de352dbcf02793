"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { Alert, FieldError, inputClass, labelClass } from "@/components/ui";
import { fileCorrectionAction } from "../actions";

export function CorrectionForm(props: { dataset: string; itemId: string }) {
  return (
    <FormShell
      action={fileCorrectionAction}
      replaceOnSuccess
      success={(result) => (
        <Alert tone="success" title="Correction request filed">
          <p>{result.message}</p>
          <p className="mt-1">
            Reference: <code data-testid="request-id">{result.data.requestId}</code>
          </p>
        </Alert>
      )}
    >
      {(form) => (
        <>
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
              defaultValue={form.value("details")}
              aria-invalid={form.invalid("details")}
              aria-describedby="details-error"
            />
            <FieldError id="details-error" errors={form.error("details")} />
          </div>
          <div className="space-y-1">
            <label className={labelClass} htmlFor="correctValue">
              What should it be? (optional)
            </label>
            <input
              className={inputClass}
              id="correctValue"
              name="correctValue"
              defaultValue={form.value("correctValue")}
              aria-invalid={form.invalid("correctValue")}
              aria-describedby="correctValue-error"
            />
            <FieldError id="correctValue-error" errors={form.error("correctValue")} />
          </div>
          <SubmitButton pendingLabel="Filing…">File correction request</SubmitButton>
        </>
      )}
    </FormShell>
  );
}
