"use client";

import { useState } from "react";
import { FormShell, SubmitButton, type FormShellState } from "@/components/form-shell";
import { Field, FieldError, inputClass, labelClass } from "@/components/ui";
import { saveBreachAction } from "./actions";

export type BreachFormValues = {
  breachId?: string;
  title: string;
  whatHappened: string;
  occurredFrom: string;
  occurredTo: string;
  discoveredAt: string;
  dataInvolved: string;
  whatWeDid: string;
  whatToDo: string;
  contact: string;
  /** "" for a new breach: nobody is chosen until the team says who is affected. */
  audience: "ALL" | "LIST" | "CATEGORIES" | "";
  emails: string;
  categories: string[];
  audienceFrom: string;
  audienceTo: string;
};

export const EMPTY_BREACH: BreachFormValues = {
  title: "",
  whatHappened: "",
  occurredFrom: "",
  occurredTo: "",
  discoveredAt: "",
  dataInvolved: "",
  whatWeDid: "",
  whatToDo: "",
  contact: "",
  audience: "",
  emails: "",
  categories: [],
  audienceFrom: "",
  audienceTo: "",
};

export function BreachForm(props: {
  values: BreachFormValues;
  categories: { slug: string; title: string }[];
  submitLabel: string;
}) {
  return (
    // Submitted without a form reset, so a validation failure keeps what was typed.
    <FormShell action={saveBreachAction} className="grid gap-4 sm:grid-cols-2" keepValues>
      {(form) => <BreachFields {...props} form={form} />}
    </FormShell>
  );
}

function BreachFields(props: {
  values: BreachFormValues;
  categories: { slug: string; title: string }[];
  submitLabel: string;
  form: FormShellState;
}) {
  const [audience, setAudience] = useState(props.values.audience);
  const { form } = props;
  const v = props.values;
  const text = (name: keyof BreachFormValues, label: string, hint?: string, rows = 3) => (
    <Field name={name} label={label} hint={hint} errors={form.error(name)} className="sm:col-span-2">
      {(describedBy) => (
        <textarea
          className={inputClass}
          id={name}
          name={name}
          rows={rows}
          defaultValue={v[name] as string}
          aria-invalid={form.invalid(name)}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
  const date = (name: keyof BreachFormValues, label: string) => (
    <Field name={name} label={label} errors={form.error(name)}>
      {(describedBy) => (
        <input
          className={inputClass}
          id={name}
          name={name}
          type="date"
          defaultValue={v[name] as string}
          aria-invalid={form.invalid(name)}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
  return (
    <>
      {v.breachId ? <input type="hidden" name="breachId" value={v.breachId} /> : null}
      <Field
        name="title"
        label="Title"
        hint="A few words people will recognise, e.g. “Support mailbox accessed by an outsider”."
        errors={form.error("title")}
        className="sm:col-span-2"
      >
        {(describedBy) => (
          <input
            className={inputClass}
            id="title"
            name="title"
            defaultValue={v.title}
            aria-invalid={form.invalid("title")}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      {text("whatHappened", "What happened", undefined, 4)}
      {date("occurredFrom", "When it happened (or began)")}
      {date("occurredTo", "Until (if it lasted longer)")}
      {date("discoveredAt", "Date discovered")}
      <div className="hidden sm:block" />
      {text("dataInvolved", "What data was involved")}
      {text("whatWeDid", "What we did")}
      {text("whatToDo", "What people should do")}
      {text("contact", "Contact for questions", "A postal address, phone number or email address people can use.", 2)}

      <fieldset
        className="space-y-3 sm:col-span-2"
        role="radiogroup"
        aria-invalid={form.invalid("audience")}
        aria-describedby="audience-error"
      >
        <legend className={labelClass}>Who is affected</legend>
        {(
          [
            ["ALL", "Everyone with an account"],
            ["LIST", "A list of email addresses"],
            ["CATEGORIES", "People holding data in chosen categories, within a date range"],
          ] as const
        ).map(([value, label]) => (
          <div key={value} className="flex items-center gap-2">
            <input
              id={`audience-${value}`}
              type="radio"
              name="audience"
              value={value}
              className="h-4 w-4"
              checked={audience === value}
              onChange={() => setAudience(value)}
            />
            <label htmlFor={`audience-${value}`} className="text-sm text-gray-900">
              {label}
            </label>
          </div>
        ))}
        <FieldError id="audience-error" errors={form.error("audience")} />
      </fieldset>

      {audience === "LIST" ? (
        <Field
          name="emails"
          label="Affected addresses"
          hint="One per line (commas also work). Addresses without an account are listed in the preview and not emailed."
          errors={form.error("emails")}
          className="sm:col-span-2"
        >
          {(describedBy) => (
            <textarea
              className={inputClass}
              id="emails"
              name="emails"
              rows={5}
              defaultValue={v.emails}
              aria-invalid={form.invalid("emails")}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      ) : null}
      {audience === "CATEGORIES" ? (
        <>
          <fieldset className="space-y-2 sm:col-span-2" aria-describedby="categories-error">
            <legend className={labelClass}>Data categories</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {props.categories.map((category) => (
                <div key={category.slug} className="flex items-center gap-2">
                  <input
                    id={`category-${category.slug}`}
                    type="checkbox"
                    name="categories"
                    value={category.slug}
                    className="h-4 w-4"
                    defaultChecked={v.categories.includes(category.slug)}
                  />
                  <label htmlFor={`category-${category.slug}`} className="text-sm text-gray-900">
                    {category.title}
                  </label>
                </div>
              ))}
            </div>
            <FieldError id="categories-error" errors={form.error("categories")} />
          </fieldset>
          {date("audienceFrom", "Records from (optional)")}
          {date("audienceTo", "Records until (optional, inclusive)")}
        </>
      ) : null}
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">{props.submitLabel}</SubmitButton>
      </div>
    </>
  );
}
