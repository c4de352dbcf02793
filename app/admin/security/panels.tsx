"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { PasskeyButton, RecoveryCodeList, TotpSetup } from "@/components/second-factor";
import { Alert, Button } from "@/components/ui";
import type { Action, ActionState } from "@/lib/actions";

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
  const [state, action, pending] = useActionState<ActionState<{ recoveryCodes: string[] }>, FormData>(
    props.action,
    null,
  );
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <Alert tone="success" title="New recovery codes">
          Save these 10 codes somewhere safe: each works once, and we will not show them again. Your previous codes no
          longer work.
        </Alert>
        <RecoveryCodeList codes={state.data.recoveryCodes} />
      </div>
    );
  }
  return (
    <form action={action} className="space-y-2">
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Making codes…" : "Make new recovery codes"}
      </Button>
    </form>
  );
}
