"use client";

import { useState } from "react";
import { FormShell, SubmitButton, type FormShellState } from "@/components/form-shell";
import { Field, FieldError, inputClass, labelClass } from "@/components/ui";
import { createLegalRequestAction } from "./actions";

export function LegalRequestForm() {
  return (
    // Submitted without a form reset, so a validation failure keeps what was typed.
    <FormShell action={createLegalRequestAction} className="grid gap-4 sm:grid-cols-2" keepValues>
      {(form) => <LegalRequestFields form={form} />}
    </FormShell>
  );
}

function LegalRequestFields({ form }: { form: FormShellState }) {
  const [decision, setDecision] = useState("REFUSED");
  const [prohibited, setProhibited] = useState(false);
  const errors = form.errors;
  const input = (name: string, label: string, type = "text", hint?: string, className = "") => (
    <Field name={name} label={label} hint={hint} errors={errors[name]} className={className}>
      {(describedBy) => (
        <input
          className={inputClass}
          id={name}
          name={name}
          type={type}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
  const area = (name: string, label: string, hint?: string, rows = 3) => (
    <Field name={name} label={label} hint={hint} errors={errors[name]} className="sm:col-span-2">
      {(describedBy) => (
        <textarea
          className={inputClass}
          id={name}
          name={name}
          rows={rows}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
  return (
    <>
      {input("authority", "Authority or requesting party", "text", undefined, "sm:col-span-2")}
      {area("legalBasis", "Legal basis", "e.g. grand-jury subpoena under 18 U.S.C. § 2703(c), court order no. …", 2)}
      {input("receivedAt", "Date received", "date")}
      <div className="hidden sm:block" />
      {area("people", "Affected people", "The email address of each person's account, one per line.", 3)}
      {area("dataRequested", "Data requested")}
      <fieldset className="space-y-2 sm:col-span-2">
        <legend className={labelClass}>Decision</legend>
        {(
          [
            ["REFUSED", "Refused: nothing disclosed"],
            ["PARTIAL", "Partially disclosed"],
            ["DISCLOSED", "Disclosed"],
          ] as const
        ).map(([value, label]) => (
          <div key={value} className="flex items-center gap-2">
            <input
              id={`decision-${value}`}
              type="radio"
              name="decision"
              value={value}
              className="h-4 w-4"
              checked={decision === value}
              onChange={() => setDecision(value)}
            />
            <label htmlFor={`decision-${value}`} className="text-sm text-gray-900">
              {label}
            </label>
          </div>
        ))}
        <FieldError id="decision-error" errors={errors.decision} />
      </fieldset>
      {decision !== "REFUSED" ? (
        <>
          {area("dataDisclosed", "Data disclosed")}
          {area(
            "goodFaithReason",
            "Good-faith reason the disclosure was required",
            "Why we believed in good faith that the law required it (the person concerned sees this).",
          )}
        </>
      ) : null}
      <div className="flex items-start gap-2 sm:col-span-2">
        <input
          id="isProhibited"
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={prohibited}
          onChange={(event) => setProhibited(event.target.checked)}
        />
        <label htmlFor="isProhibited" className="text-sm text-gray-900">
          The law forbids telling the people concerned for now (a non-disclosure order)
        </label>
      </div>
      {prohibited ? (
        <>
          {input("prohibitedUntil", "Prohibition ends on", "date")}
          <div className="hidden sm:block" />
          {area(
            "prohibitionNote",
            "What forbids telling them",
            "e.g. the order under 18 U.S.C. § 2705(b), its number and court.",
            2,
          )}
        </>
      ) : null}
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">
          {prohibited ? "Register (nobody is told yet)" : "Register and tell the people concerned"}
        </SubmitButton>
      </div>
    </>
  );
}
