"use client";

import { useActionState, useState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { Action, ActionState } from "@/lib/actions";

export function FreshSignInForm(props: { action: Action<null> }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(props.action, null);
  return (
    <form action={action} className="space-y-3">
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending || Boolean(state?.ok)}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}

export function DeleteAccountForm(props: { email: string; action: Action<null> }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(props.action, null);
  const [typed, setTyped] = useState("");
  const errors = fieldErrorsOf(state);
  const matches = typed.trim().toLowerCase() === props.email.toLowerCase();
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok && !errors.confirmEmail ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="max-w-md space-y-1">
        <label className={labelClass} htmlFor="confirmEmail">
          Type <strong className="break-all">{props.email}</strong> to confirm
        </label>
        <input
          className={inputClass}
          id="confirmEmail"
          name="confirmEmail"
          type="email"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={errors.confirmEmail ? true : undefined}
          aria-describedby="confirmEmail-error"
        />
        <FieldError id="confirmEmail-error" errors={errors.confirmEmail} />
      </div>
      <Button
        type="submit"
        variant="danger"
        disabled={pending || typed.trim() === ""}
        aria-describedby="delete-warning"
      >
        {pending ? "Deleting…" : "Delete my account and all my data"}
      </Button>
      <p id="delete-warning" className="text-sm text-gray-700">
        {matches ? "This cannot be undone." : "The button deletes everything listed above. This cannot be undone."}
      </p>
    </form>
  );
}
