"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import type { Action } from "@/lib/actions";

export function ConfirmEmailChangeForm(props: { token: string; action: Action<null> }) {
  return (
    <FormShell action={props.action} className="mt-6 space-y-3" success={false}>
      <input type="hidden" name="token" value={props.token} />
      <SubmitButton pendingLabel="Confirming…">Confirm new address</SubmitButton>
    </FormShell>
  );
}
