"use client";

import { useState } from "react";
import { FormShell, SubmitButton, useFormShell } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import type { Action } from "@/lib/actions";

export function FreshSignInForm(props: { action: Action<null> }) {
  return (
    <FormShell action={props.action} className="space-y-3">
      {(form) => (
        <SubmitButton pendingLabel="Sending…" disabled={Boolean(form.state?.ok)}>
          Email me a sign-in link
        </SubmitButton>
      )}
    </FormShell>
  );
}

export function DeleteAccountForm(props: { email: string; action: Action<null> }) {
  return (
    <FormShell action={props.action} className="space-y-4">
      <DeleteAccountFields email={props.email} />
    </FormShell>
  );
}

function DeleteAccountFields(props: { email: string }) {
  const form = useFormShell();
  // Controlled: the button waits for something typed, and what was typed stays after a refusal.
  const [typed, setTyped] = useState("");
  const matches = typed.trim().toLowerCase() === props.email.toLowerCase();
  return (
    <>
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
          aria-invalid={form.invalid("confirmEmail")}
          aria-describedby="confirmEmail-error"
        />
        <FieldError id="confirmEmail-error" errors={form.error("confirmEmail")} />
      </div>
      <SubmitButton
        variant="danger"
        pendingLabel="Deleting…"
        disabled={typed.trim() === ""}
        aria-describedby="delete-warning"
      >
        Delete my account and all my data
      </SubmitButton>
      <p id="delete-warning" className="text-sm text-gray-700">
        {matches ? "This cannot be undone." : "The button deletes everything listed above. This cannot be undone."}
      </p>
    </>
  );
}
