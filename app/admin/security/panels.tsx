"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormShell, SubmitButton } from "@/components/form-shell";
import { PasskeyButton, RecoveryCodeList, TotpSetup } from "@/components/second-factor";
import { Alert } from "@/components/ui";
import type { Action } from "@/lib/actions";

export function AddPasskey(props: { options: Action<{ options: string }>; finish: Action<null> }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {done ? <Alert tone="success">{done}</Alert> : null}
      <PasskeyButton
        mode="register"
        label="Add a passkey"
        variant="secondary"
        options={() => props.options(null, {})}
        finish={(response) => props.finish(null, { response })}
        onDone={(result) => {
          setDone(result.message);
          router.refresh();
        }}
      />
    </div>
  );
}

type TotpStart = { secret: string; uri: string; qrDataUrl: string };

export function AppSetup(props: { start: Action<TotpStart>; confirm: Action<null>; label: string }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  if (done) return <Alert tone="success">{done}</Alert>;
  return (
    <TotpSetup
      start={props.start}
      confirm={props.confirm}
      startLabel={props.label}
      onConfirmed={(result) => {
        setDone(result.message);
        router.refresh();
      }}
    />
  );
}

export function NewRecoveryCodes(props: { action: Action<{ recoveryCodes: string[] }> }) {
  return (
    <FormShell
      action={props.action}
      className="space-y-2"
      replaceOnSuccess
      success={(result) => (
        <div className="space-y-3">
          <Alert tone="success" title="New recovery codes">
            Save these 10 codes somewhere safe: each works once, and we will not show them again. Your previous codes no
            longer work.
          </Alert>
          <RecoveryCodeList codes={result.data.recoveryCodes} />
        </div>
      )}
    >
      <SubmitButton variant="secondary" pendingLabel="Making codes…">
        Make new recovery codes
      </SubmitButton>
    </FormShell>
  );
}
