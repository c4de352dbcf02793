"use client";

import { FormShell, SubmitButton, type FormShellState } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import type { Action } from "@/lib/actions";

type Field = {
  name: "parentName" | "parentEmail" | "childIdentifiers" | "relationship" | "details";
  label: string;
  hint?: string;
  multiline?: boolean;
  type?: string;
  autoComplete?: string;
};

const FIELDS: Field[] = [
  { name: "parentName", label: "Your name", autoComplete: "name" },
  {
    name: "parentEmail",
    label: "Your email address",
    type: "email",
    autoComplete: "email",
    hint: "We send a link to confirm it, and later updates. Nothing happens until you confirm.",
  },
  {
    name: "childIdentifiers",
    label: "Your child's email addresses or usernames",
    multiline: true,
    hint: "One per line. A username is the display name shown in our products.",
  },
  {
    name: "relationship",
    label: "Your relationship to the child",
    multiline: true,
    hint: "For example: I am her father and have parental responsibility.",
  },
  { name: "details", label: "Anything else we should know (optional)", multiline: true },
];

export function ParentRequestForm(props: { action: Action<null> }) {
  return (
    <FormShell action={props.action} className="space-y-5" success={false}>
      {(form) => <ParentRequestFields form={form} />}
    </FormShell>
  );
}

function ParentRequestFields({ form }: { form: FormShellState }) {
  const errors = form.errors;
  return (
    <>
      {FIELDS.map((field) => {
        const describedBy = [field.hint ? `${field.name}-hint` : null, `${field.name}-error`].filter(Boolean).join(" ");
        const common = {
          id: field.name,
          name: field.name,
          className: inputClass,
          defaultValue: form.value(field.name) ?? "",
          "aria-invalid": form.invalid(field.name),
          "aria-describedby": describedBy,
        };
        return (
          <div key={field.name} className="space-y-1">
            <label className={labelClass} htmlFor={field.name}>
              {field.label}
            </label>
            {field.multiline ? (
              <textarea rows={3} {...common} />
            ) : (
              <input type={field.type ?? "text"} autoComplete={field.autoComplete} {...common} />
            )}
            {field.hint ? (
              <p id={`${field.name}-hint`} className="text-sm text-gray-700">
                {field.hint}
              </p>
            ) : null}
            <FieldError id={`${field.name}-error`} errors={errors[field.name]} />
          </div>
        );
      })}
      {/* No choice is made for the parent: deleting at once is not a default (issue 21). */}
      <fieldset
        className="space-y-2"
        role="radiogroup"
        aria-invalid={form.invalid("wants")}
        aria-describedby="wants-error"
      >
        <legend className={labelClass}>What would you like us to do?</legend>
        {(
          [
            ["delete", "Delete the information as soon as you have checked my request"],
            ["review", "First let me review what was collected, then delete it"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-start gap-2 text-sm text-gray-900">
            <input
              type="radio"
              id={`wants-${value}`}
              name="wants"
              value={value}
              defaultChecked={form.value("wants") === value}
              className="mt-1 h-4 w-4"
            />
            <span>{label}</span>
          </label>
        ))}
        <FieldError id="wants-error" errors={errors.wants} />
      </fieldset>
      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm text-gray-900">
          <input
            type="checkbox"
            id="isParent"
            name="isParent"
            className="mt-1 h-4 w-4"
            defaultChecked={form.value("isParent") !== undefined}
            aria-invalid={form.invalid("isParent")}
            aria-describedby="isParent-error"
          />
          <span>I am the child&apos;s parent or legal guardian, and the information in this form is true.</span>
        </label>
        <FieldError id="isParent-error" errors={errors.isParent} />
      </div>
      <SubmitButton pendingLabel="Sending…">Send my request</SubmitButton>
    </>
  );
}

export function ConfirmLinkForm(props: {
  token: string;
  action: Action<null>;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "danger";
}) {
  return (
    <FormShell action={props.action} className="space-y-3">
      {(form) => (
        <>
          <input type="hidden" name="token" value={props.token} />
          {form.state?.ok ? null : (
            <SubmitButton variant={props.variant} pendingLabel={props.pendingLabel}>
              {props.label}
            </SubmitButton>
          )}
        </>
      )}
    </FormShell>
  );
}
