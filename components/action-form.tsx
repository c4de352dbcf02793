"use client";

// A small form around one server action: its fields, a submit button, an optional
// confirmation, and the result (FormShell: an error summary naming each refused
// field, or the success message). Its children are plain fields without their
// own error lines, so the summary spells the messages out.
import type { ReactNode } from "react";
import type { Action } from "@/lib/actions";
import { FormShell, SubmitButton } from "./form-shell";

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
  return (
    <FormShell
      action={props.action}
      label={props.label}
      className={props.className ?? "space-y-3"}
      confirm={props.confirm}
    >
      {props.children}
      <SubmitButton
        variant={props.variant ?? "primary"}
        disabled={props.disabled}
        pendingLabel={props.pendingLabel ?? "Saving…"}
      >
        {props.submitLabel}
      </SubmitButton>
    </FormShell>
  );
}
