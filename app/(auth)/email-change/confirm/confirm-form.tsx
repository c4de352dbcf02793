"use client";

import { useActionState } from "react";
import { Alert, Button } from "@/components/ui";
import type { Action, ActionState } from "@/lib/actions";

export function ConfirmEmailChangeForm(props: { token: string; action: Action<null> }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(props.action, null);
  return (
    <form action={action} className="mt-6 space-y-3">
      <input type="hidden" name="token" value={props.token} />
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Confirming…" : "Confirm new address"}
      </Button>
    </form>
  );
}
