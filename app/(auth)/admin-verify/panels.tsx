"use client";

import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { Action, ActionState } from "@/lib/actions";

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
      <Alert tone="success" title="Second factor set up">Save these 10 recovery codes somewhere safe. Each works once, if you lose your passkey or phone. We will not show them again.</Alert>
      <ol className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label="Recovery codes" data-testid="recovery-codes">
        {props.codes.map((code) => <li key={code} className="rounded bg-gray-100 px-2 py-1 text-gray-900">{code}</li>)}
      </ol>
      <Button type="button" onClick={() => router.push(props.next)}>I have saved them: continue</Button>
    </div>
  );
}

/** WebAuthn in the browser: options from the server, the authenticator's answer back. */
function PasskeyButton(props: { mode: "register" | "authenticate"; actions: Actions; onDone: (codes: string[]) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function run() {
    setPending(true);
    setError(null);
    try {
      const options = await props.actions.passkeyOptions(null, { purpose: props.mode });
      if (!options.ok) return setError(options.message);
      const parsed = JSON.parse(options.data.options);
      const response = props.mode === "register" ? await startRegistration(parsed) : await startAuthentication(parsed);
      const result = props.mode === "register" ? await props.actions.passkeyRegister(null, { response: JSON.stringify(response) }) : await props.actions.passkeyVerify(null, { response: JSON.stringify(response) });
      if (!result.ok) return setError(result.message);
      props.onDone(result.data && "recoveryCodes" in (result.data as object) ? (result.data as { recoveryCodes: string[] }).recoveryCodes : []);
    } catch (caught) {
      setError(caught instanceof Error && caught.name === "NotAllowedError" ? "The passkey prompt was cancelled or timed out. Try again." : "Your browser could not use a passkey here. Use an authenticator app instead.");
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="space-y-2">
      <Button type="button" onClick={run} disabled={pending}>{pending ? "Waiting for your passkey…" : props.mode === "register" ? "Set up a passkey" : "Use my passkey"}</Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}

export function EnrolPanel(props: { actions: Actions; next: string }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [totp, totpStart, totpStarting] = useActionState<ActionState<{ secret: string; uri: string; qrDataUrl: string }>, FormData>(props.actions.totpStart, null);
  const [confirm, totpConfirm, confirming] = useActionState<ActionState<{ recoveryCodes: string[] }>, FormData>(props.actions.totpConfirm, null);
  const finalCodes = codes ?? (confirm?.ok ? confirm.data.recoveryCodes : null);
  if (finalCodes) return <RecoveryCodes codes={finalCodes} next={props.next} />;
  const errors = fieldErrorsOf(confirm);
  return (
    <div className="space-y-8">
      <section aria-labelledby="passkey-heading" className="space-y-2">
        <h2 id="passkey-heading" className="text-lg font-semibold text-gray-900">Recommended: a passkey</h2>
        <p className="text-sm text-gray-700">Your device (fingerprint, face, PIN or security key) proves it is you. Nothing to type, and it cannot be phished.</p>
        <PasskeyButton mode="register" actions={props.actions} onDone={setCodes} />
      </section>
      <section aria-labelledby="totp-heading" className="space-y-3">
        <h2 id="totp-heading" className="text-lg font-semibold text-gray-900">Or: an authenticator app</h2>
        {totp?.ok ? (
          <div className="space-y-3">
            <p className="text-sm text-gray-700">Scan this code with your authenticator app, or type the key, then enter the 6-digit code it shows.</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated for this request */}
            <img src={totp.data.qrDataUrl} alt="QR code to add this account to your authenticator app" width={220} height={220} className="rounded border border-gray-200" />
            <p className="text-sm text-gray-800">Key: <code className="break-all rounded bg-gray-100 px-1 text-gray-900" data-testid="totp-secret">{totp.data.secret}</code></p>
            <form action={totpConfirm} className="space-y-2" noValidate>
              <label className={labelClass} htmlFor="enrol-code">Code from the app</label>
              <input className={`${inputClass} max-w-40`} id="enrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" aria-invalid={errors.code ? true : undefined} aria-describedby="enrol-code-error" />
              <FieldError id="enrol-code-error" errors={errors.code} />
              {confirm && !confirm.ok && !errors.code ? <Alert tone="error">{confirm.message}</Alert> : null}
              <Button type="submit" disabled={confirming}>{confirming ? "Checking…" : "Confirm"}</Button>
            </form>
          </div>
        ) : (
          <form action={totpStart}>
            {totp && !totp.ok ? <Alert tone="error">{totp.message}</Alert> : null}
            <Button type="submit" variant="secondary" disabled={totpStarting}>Set up an authenticator app</Button>
          </form>
        )}
      </section>
    </div>
  );
}

function CodeForm(props: { action: Action<null>; name: "code" | "recoveryCode"; label: string; submit: string; next: string; numeric?: boolean }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionState, FormData>(async (previous: ActionState, formData: FormData) => {
    const result = await props.action(previous, formData);
    if (result.ok) router.push(props.next);
    return result;
  }, null);
  const errors = fieldErrorsOf(state);
  return (
    <form action={action} className="space-y-2" noValidate>
      <label className={labelClass} htmlFor={props.name}>{props.label}</label>
      <input className={`${inputClass} max-w-56`} id={props.name} name={props.name} inputMode={props.numeric ? "numeric" : undefined} autoComplete="one-time-code" aria-invalid={errors[props.name] ? true : undefined} aria-describedby={`${props.name}-error`} />
      <FieldError id={`${props.name}-error`} errors={errors[props.name]} />
      {state ? (state.ok ? <Alert tone="success">{state.message}</Alert> : errors[props.name] ? null : <Alert tone="error">{state.message}</Alert>) : null}
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Checking…" : props.submit}</Button>
    </form>
  );
}

export function VerifyPanel(props: { actions: Actions; next: string; hasPasskey: boolean; hasTotp: boolean }) {
  const router = useRouter();
  return (
    <div className="space-y-8">
      {props.hasPasskey ? <PasskeyButton mode="authenticate" actions={props.actions} onDone={() => router.push(props.next)} /> : null}
      {props.hasTotp ? <CodeForm action={props.actions.totpVerify} name="code" label="Code from your authenticator app" submit="Verify" next={props.next} numeric /> : null}
      <details className="rounded-md border border-gray-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-gray-900">Lost your passkey or phone? Use a recovery code</summary>
        <div className="mt-3">
          <CodeForm action={props.actions.recovery} name="recoveryCode" label="Recovery code" submit="Use recovery code" next={props.next} />
        </div>
      </details>
    </div>
  );
}
