"use client";

import { useActionState } from "react";
import { Alert, Button } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { sendBreachAction } from "../actions";

export function SendBreachForm(props: { breachId: string; recipients: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(sendBreachAction, null);
  const fieldMessages = state && !state.ok ? Object.values(state.fieldErrors).flatMap((messages) => messages ?? []) : [];
  return (
    <form
      action={action}
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        if (!window.confirm(`Send this notice to ${props.recipients} ${props.recipients === 1 ? "person" : "people"}? It cannot be changed or recalled.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="breachId" value={props.breachId} />
      <input type="hidden" name="expectedRecipients" value={props.recipients} />
      <div className="flex items-start gap-2">
        <input id="confirm" name="confirm" type="checkbox" className="mt-1 h-4 w-4" />
        <label htmlFor="confirm" className="text-sm text-gray-900">
          I checked the preview. Send it to the {props.recipients} {props.recipients === 1 ? "person" : "people"} counted above, by email and in their privacy center.
        </label>
      </div>
      {state ? (
        <Alert tone={state.ok ? "success" : "error"}>
          {state.message}
          {fieldMessages.length ? <ul className="mt-1 list-disc pl-5">{fieldMessages.map((message) => <li key={message}>{message}</li>)}</ul> : null}
        </Alert>
      ) : null}
      <Button type="submit" variant="danger" disabled={pending || props.recipients === 0}>{pending ? "Sending…" : "Send the breach notice"}</Button>
    </form>
  );
}
