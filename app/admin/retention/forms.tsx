"use client";

import { useActionState } from "react";
import { Button, inputClass } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { FormShell, SubmitButton } from "@/components/form-shell";
import { startRunAction, updateRuleAction } from "./actions";

/** A compact editor in a table row: its result is one status line under the field, not a summary. */
export function RuleForm(props: { target: string; title: string; days: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateRuleAction, null);
  const id = `days-${props.target}`;
  const error = state && !state.ok ? (state.fieldErrors?.days?.[0] ?? state.message) : null;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" noValidate>
      <input type="hidden" name="target" value={props.target} />
      <label className="sr-only" htmlFor={id}>
        Days to keep {props.title.toLowerCase()}
      </label>
      <input
        className={`${inputClass} w-24 min-w-[5.5rem]`}
        id={id}
        name="days"
        type="number"
        min={1}
        max={3650}
        defaultValue={state && !state.ok ? state.values?.days : props.days}
        aria-describedby={`${id}-status`}
        aria-invalid={error ? true : undefined}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <p id={`${id}-status`} role="status" className={`w-full text-sm ${error ? "text-red-700" : "text-green-800"}`}>
        {error ?? (state?.ok ? state.message : "")}
      </p>
    </form>
  );
}

export function RunForm() {
  return (
    <FormShell
      action={startRunAction}
      className="space-y-3"
      confirm={(submitter) =>
        submitter?.value === "purge"
          ? "Delete everything older than its retention period now? This cannot be undone."
          : null
      }
    >
      {(form) => (
        <div className="flex flex-wrap gap-2">
          <SubmitButton name="mode" value="dry-run" variant="secondary">
            Dry run (count only)
          </SubmitButton>
          <SubmitButton name="mode" value="purge" variant="danger">
            Purge expired data now
          </SubmitButton>
          {form.pending ? (
            <span role="status" className="self-center text-sm text-gray-700">
              Working…
            </span>
          ) : null}
        </div>
      )}
    </FormShell>
  );
}
