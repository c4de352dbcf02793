"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormShell, SubmitButton } from "@/components/form-shell";
import { PasskeyButton, RecoveryCodeList, TotpSetup } from "@/components/second-factor";
import { Alert, Button, FieldError, inputClass, labelClass } from "@/components/ui";
import type { Action } from "@/lib/actions";

type Actions = {
  passkeyOptions: Action<{ options: string }>;
  passkeyRegister: Action<{ recoveryCodes: string[] }>;
  passkeyVerify: Action<null>;
  totpStart: Action<{ secret: string; uri: string; qrDataUrl: string }>;
  totpConfirm: Action<{ recoveryCodes: string[] }>;
  totpVerify: Action<null>;
  recovery: Action<null>;
};

function RecoveryCodes(props: { codes: string[]; next: string }) {
  const router = useRouter();
  return (
    <div className="space-y-3">
      <Alert tone="success" title="Second factor set up">
        Save these 10 recovery codes somewhere safe. Each works once, if you lose your passkey or phone. We will not
        show them again.
      </Alert>
      <RecoveryCodeList codes={props.codes} />
      <Button type="button" onClick={() => router.push(props.next)}>
        I have saved them: continue
      </Button>
    </div>
  );
}

/** The first enrolment (an admin with no second factor yet). */
export function EnrolPanel(props: { actions: Actions; next: string }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodes codes={codes} next={props.next} />;
  return (
    <div className="space-y-8">
      <section aria-labelledby="passkey-heading" className="space-y-2">
        <h2 id="passkey-heading" className="text-lg font-semibold text-gray-900">
          Recommended: a passkey
        </h2>
        <p className="text-sm text-gray-700">
          Your device (fingerprint, face, PIN or security key) proves it is you. Nothing to type, and it cannot be
          phished.
        </p>
        <PasskeyButton
          mode="register"
          label="Set up a passkey"
          options={() => props.actions.passkeyOptions(null, { purpose: "register" })}
          finish={(response) => props.actions.passkeyRegister(null, { response })}
          onDone={(result) => setCodes(result.data.recoveryCodes)}
        />
      </section>
      <section aria-labelledby="totp-heading" className="space-y-3">
        <h2 id="totp-heading" className="text-lg font-semibold text-gray-900">
          Or: an authenticator app
        </h2>
        <TotpSetup
          start={props.actions.totpStart}
          confirm={props.actions.totpConfirm}
          startLabel="Set up an authenticator app"
          onConfirmed={(result) => setCodes(result.data.recoveryCodes)}
        />
      </section>
    </div>
  );
}

function CodeForm(props: {
  action: Action<null>;
  name: "code" | "recoveryCode";
  label: string;
  submit: string;
  next: string;
  numeric?: boolean;
}) {
  const router = useRouter();
  return (
    <FormShell
      action={async (previous, formData) => {
        const result = await props.action(previous, formData);
        if (result.ok) router.push(props.next);
        return result;
      }}
      className="space-y-2"
    >
      {(form) => (
        <>
          <label className={labelClass} htmlFor={props.name}>
            {props.label}
          </label>
          <input
            className={`${inputClass} max-w-56`}
            id={props.name}
            name={props.name}
            inputMode={props.numeric ? "numeric" : undefined}
            autoComplete="one-time-code"
            aria-invalid={form.invalid(props.name)}
            aria-describedby={`${props.name}-error`}
          />
          <FieldError id={`${props.name}-error`} errors={form.error(props.name)} />
          <SubmitButton variant="secondary" pendingLabel="Checking…">
            {props.submit}
          </SubmitButton>
        </>
      )}
    </FormShell>
  );
}

export function VerifyPanel(props: { actions: Actions; next: string; hasPasskey: boolean; hasTotp: boolean }) {
  const router = useRouter();
  return (
    <div className="space-y-8">
      {props.hasPasskey ? (
        <PasskeyButton
          mode="authenticate"
          label="Use my passkey"
          options={() => props.actions.passkeyOptions(null, { purpose: "authenticate" })}
          finish={(response) => props.actions.passkeyVerify(null, { response })}
          onDone={() => router.push(props.next)}
        />
      ) : null}
      {props.hasTotp ? (
        <CodeForm
          action={props.actions.totpVerify}
          name="code"
          label="Code from your authenticator app"
          submit="Verify"
          next={props.next}
          numeric
        />
      ) : null}
      <details className="rounded-md border border-gray-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-gray-900">
          Lost your passkey or phone? Use a recovery code
        </summary>
        <div className="mt-3">
          <CodeForm
            action={props.actions.recovery}
            name="recoveryCode"
            label="Recovery code"
            submit="Use recovery code"
            next={props.next}
          />
        </div>
      </details>
    </div>
  );
}
