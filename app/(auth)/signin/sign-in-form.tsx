"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { inputClass, labelClass } from "@/components/ui";
import { requestSignInLink } from "./actions";

export function SignInForm(props: { callbackUrl?: string }) {
  return (
    <FormShell action={requestSignInLink} className="space-y-4" success={false}>
      {(form) => {
        const emailError = form.error("email")?.[0];
        return (
          <>
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
                defaultValue={form.value("email")}
                aria-invalid={form.invalid("email")}
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
            <SubmitButton pendingLabel="Sending link…" className="w-full">
              Email me a sign-in link
            </SubmitButton>
          </>
        );
      }}
    </FormShell>
  );
}
