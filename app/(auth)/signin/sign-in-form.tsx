"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { requestSignInLink } from "./actions";
import { Alert, Button, inputClass, labelClass } from "@/components/ui";

export function SignInForm(props: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(requestSignInLink, null);
  const emailError = state && !state.ok ? state.fieldErrors.email?.[0] : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !emailError ? <Alert tone="error">{state.message}</Alert> : null}
      {props.callbackUrl ? <input type="hidden" name="callbackUrl" value={props.callbackUrl} /> : null}
      <div className="space-y-1">
        <label htmlFor="email" className={labelClass}>
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state && !state.ok ? state.values?.email : undefined}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : "email-hint"}
          className={inputClass}
        />
        {emailError ? (
          <p id="email-error" className="text-sm text-red-700">
            {emailError}
          </p>
        ) : (
          <p id="email-hint" className="text-sm text-gray-700">
            We will email you a link that signs you in. No password needed.
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending link…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
