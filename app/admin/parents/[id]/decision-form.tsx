"use client";

import { useActionState, useState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { Action, ActionState } from "@/lib/actions";

export function DecisionForm(props: {
  requestId: string;
  methods: [string, string][];
  matches: number;
  action: Action<null>;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(props.action, null);
  const [decision, setDecision] = useState<"approve" | "reject">("approve");
  const errors = fieldErrorsOf(state);
  if (state?.ok) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form
      action={action}
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        if (
          decision === "approve" &&
          props.matches > 0 &&
          !window.confirm(
            `Approve and erase ${props.matches} account${props.matches === 1 ? "" : "s"}? This cannot be undone.`,
          )
        )
          event.preventDefault();
      }}
    >
      <input type="hidden" name="requestId" value={props.requestId} />
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className={labelClass}>Decision</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="decision"
            value="approve"
            checked={decision === "approve"}
            onChange={() => setDecision("approve")}
            className="h-4 w-4"
          />{" "}
          Approve: parenthood verified
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="decision"
            value="reject"
            checked={decision === "reject"}
            onChange={() => setDecision("reject")}
            className="h-4 w-4"
          />{" "}
          Reject
        </label>
      </fieldset>
      {decision === "approve" ? (
        <div className="space-y-1">
          <label className={labelClass} htmlFor="verificationMethod">
            How did you verify that this is the child&apos;s parent?
          </label>
          <select
            className={inputClass}
            id="verificationMethod"
            name="verificationMethod"
            defaultValue=""
            aria-invalid={errors.verificationMethod ? true : undefined}
            aria-describedby="verificationMethod-error"
          >
            <option value="" disabled>
              Choose a method (16 CFR 312.5(b)(2))
            </option>
            {props.methods.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id="verificationMethod-error" errors={errors.verificationMethod} />
        </div>
      ) : null}
      <div className="space-y-1">
        <label className={labelClass} htmlFor={decision === "approve" ? "verificationNote" : "reason"}>
          {decision === "approve" ? "Note on the verification (required for “other”)" : "Reason (the parent sees it)"}
        </label>
        <textarea
          className={inputClass}
          rows={3}
          id={decision === "approve" ? "verificationNote" : "reason"}
          name={decision === "approve" ? "verificationNote" : "reason"}
          aria-describedby={decision === "approve" ? "verificationNote-error" : "reason-error"}
        />
        <FieldError id="verificationNote-error" errors={decision === "approve" ? errors.verificationNote : undefined} />
        <FieldError id="reason-error" errors={decision === "reject" ? errors.reason : undefined} />
      </div>
      <Button type="submit" variant={decision === "approve" ? "danger" : "secondary"} disabled={pending}>
        {pending
          ? "Saving…"
          : decision === "approve"
            ? `Approve${props.matches ? ` and erase ${props.matches} account${props.matches === 1 ? "" : "s"}` : ""}`
            : "Reject"}
      </Button>
    </form>
  );
}
