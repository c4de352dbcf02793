"use client";

import { useActionState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { Action, ActionState } from "@/lib/actions";

export function MessageForm(props: { requestId: string; action: Action<null> }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(props.action, null);
  const errors = fieldErrorsOf(state);
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="requestId" value={props.requestId} />
      <label className={labelClass} htmlFor="text">
        Add a message
      </label>
      <textarea
        className={inputClass}
        id="text"
        name="text"
        rows={3}
        aria-invalid={errors.text ? true : undefined}
        aria-describedby="text-error"
      />
      <FieldError id="text-error" errors={errors.text} />
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Sending…" : "Send message"}
      </Button>
    </form>
  );
}

export function WithdrawForm(props: { requestId: string; action: Action<null> }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(props.action, null);
  return (
    <form
      action={action}
      className="space-y-2"
      onSubmit={(event) => {
        if (!window.confirm("Withdraw this request? We will stop working on it.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="requestId" value={props.requestId} />
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Withdrawing…" : "Withdraw this request"}
      </Button>
    </form>
  );
}
