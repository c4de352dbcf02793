"use client";

import { useState } from "react";
import { FormShell, SubmitButton, useFormShell } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import type { Action } from "@/lib/actions";

type Decision = "approve" | "reject";

export function DecisionForm(props: {
  requestId: string;
  methods: [string, string][];
  matches: number;
  action: Action<null>;
}) {
  // No choice until the team makes one: approving erases accounts.
  const [decision, setDecision] = useState<Decision | null>(null);
  return (
    <FormShell
      action={props.action}
      replaceOnSuccess
      confirm={() =>
        decision === "approve" && props.matches > 0
          ? `Approve and erase ${props.matches} account${props.matches === 1 ? "" : "s"}? This cannot be undone.`
          : null
      }
    >
      <DecisionFields {...props} decision={decision} setDecision={setDecision} />
    </FormShell>
  );
}

function DecisionFields(props: {
  requestId: string;
  methods: [string, string][];
  matches: number;
  decision: Decision | null;
  setDecision: (decision: Decision) => void;
}) {
  const { decision, setDecision } = props;
  const form = useFormShell();
  const errors = form.errors;
  return (
    <>
      <input type="hidden" name="requestId" value={props.requestId} />
      <fieldset
        className="space-y-2"
        role="radiogroup"
        aria-invalid={form.invalid("decision")}
        aria-describedby="decision-error"
      >
        <legend className={labelClass}>Decision</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            id="decision"
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
        <FieldError id="decision-error" errors={errors.decision} />
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
      {decision ? (
        <div className="space-y-1">
          <label className={labelClass} htmlFor={decision === "approve" ? "verificationNote" : "reason"}>
            {decision === "approve" ? "Note on the verification (required for “other”)" : "Reason (the parent sees it)"}
          </label>
          <textarea
            className={inputClass}
            rows={3}
            id={decision === "approve" ? "verificationNote" : "reason"}
            name={decision === "approve" ? "verificationNote" : "reason"}
            aria-invalid={form.invalid(decision === "approve" ? "verificationNote" : "reason")}
            aria-describedby={decision === "approve" ? "verificationNote-error" : "reason-error"}
          />
          <FieldError
            id="verificationNote-error"
            errors={decision === "approve" ? errors.verificationNote : undefined}
          />
          <FieldError id="reason-error" errors={decision === "reject" ? errors.reason : undefined} />
        </div>
      ) : null}
      <SubmitButton variant={decision === "approve" ? "danger" : "secondary"} pendingLabel="Saving…">
        {decision === "approve"
          ? `Approve${props.matches ? ` and erase ${props.matches} account${props.matches === 1 ? "" : "s"}` : ""}`
          : decision === "reject"
            ? "Reject"
            : "Save decision"}
      </SubmitButton>
    </>
  );
}
