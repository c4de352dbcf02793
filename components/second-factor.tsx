"use client";

// The admin second factor's browser pieces, shared by enrolment (/admin-verify) and the
// security page (/admin/security): a passkey prompt, authenticator-app setup, and recovery
// codes shown once. Server actions come in as props.
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useState } from "react";
import type { Action, ActionResult, ActionState } from "@/lib/actions";
import { FormShell, SubmitButton } from "./form-shell";
import { Alert, Button, FieldError, inputClass, labelClass } from "./ui";

type TotpStart = { secret: string; uri: string; qrDataUrl: string };

/** The codes, shown once, with a .txt download and a copy button to keep them. */
export function RecoveryCodeList(props: { codes: string[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  const text = `Recovery codes for the privacy team's admin area. Each works once.\n\n${props.codes.join("\n")}\n`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.codes.join("\n"));
      setCopied("Copied the 10 codes. Paste them somewhere safe.");
    } catch {
      setCopied("Your browser did not let us copy. Download them or write them down instead.");
    }
  }
  return (
    <div className="space-y-3">
      <ol className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label="Recovery codes" data-testid="recovery-codes">
        {props.codes.map((code) => (
          <li key={code} className="rounded bg-gray-100 px-2 py-1 text-gray-900">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <a
          className="inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-4 py-2 text-sm font-semibold text-gray-900 shadow-sm hover:bg-gray-50"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="recovery-codes.txt"
        >
          Download as a text file
        </a>
        <Button type="button" variant="secondary" onClick={copy}>
          Copy the codes
        </Button>
      </div>
      <p role="status" className="text-sm text-gray-700" data-testid="recovery-codes-status">
        {copied ?? ""}
      </p>
    </div>
  );
}

/** WebAuthn in the browser: options from the server, the authenticator's answer back. */
export function PasskeyButton<T>(props: {
  mode: "register" | "authenticate";
  label: string;
  options: () => Promise<ActionResult<{ options: string }>>;
  finish: (response: string) => Promise<ActionResult<T>>;
  onDone: (result: { message: string; data: T }) => void;
  variant?: "primary" | "secondary";
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function run() {
    setPending(true);
    setError(null);
    try {
      const options = await props.options();
      if (!options.ok) return setError(options.message);
      const optionsJSON = JSON.parse(options.data.options);
      const response =
        props.mode === "register"
          ? await startRegistration({ optionsJSON })
          : await startAuthentication({ optionsJSON });
      const result = await props.finish(JSON.stringify(response));
      if (!result.ok) return setError(result.message);
      props.onDone(result);
    } catch (caught) {
      setError(
        caught instanceof Error && caught.name === "NotAllowedError"
          ? "The passkey prompt was cancelled or timed out. Try again."
          : "Your browser could not use a passkey here. Use an authenticator app instead.",
      );
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="space-y-2">
      <Button type="button" variant={props.variant} onClick={run} disabled={pending}>
        {pending ? "Waiting for your passkey…" : props.label}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}

/**
 * Authenticator-app setup: a start button, then the QR code, the key and a code field.
 * Until a code is confirmed, the app in use (if any) keeps working. Both steps are
 * FormShells: a refused code keeps what was typed, the summary links to the field and
 * takes focus.
 */
export function TotpSetup<T>(props: {
  start: Action<TotpStart>;
  confirm: Action<T>;
  startLabel: string;
  onConfirmed: (result: { message: string; data: T }) => void;
}) {
  return (
    <FormShell
      action={props.start}
      className="space-y-2"
      replaceOnSuccess
      success={(started) => <TotpConfirm totp={started.data} confirm={props.confirm} onConfirmed={props.onConfirmed} />}
    >
      <SubmitButton variant="secondary">{props.startLabel}</SubmitButton>
    </FormShell>
  );
}

function TotpConfirm<T>(props: {
  totp: TotpStart;
  confirm: Action<T>;
  onConfirmed: (result: { message: string; data: T }) => void;
}) {
  const { totp, confirm, onConfirmed } = props;
  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-700">
        Scan this code with your authenticator app, or type the key, then enter the 6-digit code it shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated for this request */}
      <img
        src={totp.qrDataUrl}
        alt="QR code to add this account to your authenticator app"
        width={220}
        height={220}
        className="rounded border border-gray-200"
      />
      <p className="text-sm text-gray-800">
        Key:{" "}
        <code className="break-all rounded bg-gray-100 px-1 text-gray-900" data-testid="totp-secret">
          {totp.secret}
        </code>
      </p>
      <FormShell
        action={async (previous: ActionState<T>, formData: FormData) => {
          const result = await confirm(previous, formData);
          if (result.ok) onConfirmed(result);
          return result;
        }}
        className="space-y-2"
        success={false}
      >
        {(form) => (
          <>
            <label className={labelClass} htmlFor="enrol-code">
              Code from the app
            </label>
            <input
              className={`${inputClass} max-w-40`}
              id="enrol-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              defaultValue={form.value("code")}
              aria-invalid={form.invalid("code")}
              aria-describedby="enrol-code-error"
            />
            <FieldError id="enrol-code-error" errors={form.error("code")} />
            <SubmitButton pendingLabel="Checking…">Confirm</SubmitButton>
          </>
        )}
      </FormShell>
    </div>
  );
}
