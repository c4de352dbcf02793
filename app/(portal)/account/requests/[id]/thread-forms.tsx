"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import type { Action } from "@/lib/actions";

export function MessageForm(props: { requestId: string; action: Action<null> }) {
  return (
    <FormShell action={props.action} className="space-y-2">
      {(form) => (
        <>
          <input type="hidden" name="requestId" value={props.requestId} />
          <label className={labelClass} htmlFor="text">
            Add a message
          </label>
          <textarea
            className={inputClass}
            id="text"
            name="text"
            rows={3}
            defaultValue={form.value("text")}
            aria-invalid={form.invalid("text")}
            aria-describedby="text-error"
          />
          <FieldError id="text-error" errors={form.error("text")} />
          <SubmitButton variant="secondary" pendingLabel="Sending…">
            Send message
          </SubmitButton>
        </>
      )}
    </FormShell>
  );
}

export function WithdrawForm(props: { requestId: string; action: Action<null> }) {
  return (
    <FormShell
      action={props.action}
      className="space-y-2"
      success={false}
      confirm="Withdraw this request? We will stop working on it."
    >
      <input type="hidden" name="requestId" value={props.requestId} />
      <SubmitButton variant="secondary" pendingLabel="Withdrawing…">
        Withdraw this request
      </SubmitButton>
    </FormShell>
  );
}
