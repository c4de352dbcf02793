"use client";

// A small form around one server action: its fields, a submit button, an optional
// confirmation, and the result (with any field errors spelled out).
import { useActionState, type ReactNode } from "react";
import type { Action, ActionState } from "@/lib/actions";
import { Alert, Button } from "./ui";

export function ActionForm(props: {
  action: Action<null>;
  submitLabel: string;
  label?: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
  children?: ReactNode;
  className?: string;
  disabled?: boolean;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(props.action, null);
  const fieldMessages =
    state && !state.ok ? Object.values(state.fieldErrors).flatMap((messages) => messages ?? []) : [];
  return (
    <form
      action={action}
      aria-label={props.label}
      className={props.className ?? "space-y-3"}
      noValidate
      onSubmit={(event) => {
        if (props.confirm && !window.confirm(props.confirm)) event.preventDefault();
      }}
    >
      {props.children}
      {state ? (
        <Alert tone={state.ok ? "success" : "error"}>
          {state.message}
          {fieldMessages.length ? (
            <ul className="mt-1 list-disc pl-5">
              {fieldMessages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Button type="submit" variant={props.variant ?? "primary"} disabled={pending || props.disabled}>
        {pending ? (props.pendingLabel ?? "Saving…") : props.submitLabel}
      </Button>
    </form>
  );
}
