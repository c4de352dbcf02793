"use client";

import { useState } from "react";
import { FormShell, SubmitButton, useFormShell } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import type { Action } from "@/lib/actions";

type Choice = { value: string; label: string; description?: string };

export function NewRequestForm(props: {
  action: Action<null>;
  types: Choice[];
  laws: Choice[];
  scopes: Choice[];
  defaultLaw: string;
  defaultType: string;
}) {
  return (
    <FormShell action={props.action} className="space-y-6" success={false}>
      <RequestFields {...props} />
    </FormShell>
  );
}

function RequestFields(props: {
  types: Choice[];
  laws: Choice[];
  scopes: Choice[];
  defaultLaw: string;
  defaultType: string;
}) {
  const form = useFormShell();
  // Controlled: the choice stays after a refusal (and decides which fields show).
  const [type, setType] = useState(props.defaultType);
  const errors = form.errors;
  return (
    <>
      <fieldset className="space-y-3" aria-describedby="type-error">
        <legend className="text-lg font-semibold text-gray-900">What would you like us to do?</legend>
        {props.types.map((choice) => (
          <label
            key={choice.value}
            className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 ${type === choice.value ? "border-brand-600 bg-brand-50" : "border-gray-200"}`}
          >
            <input
              type="radio"
              name="type"
              value={choice.value}
              checked={type === choice.value}
              onChange={() => setType(choice.value)}
              className="mt-1 h-4 w-4"
            />
            <span>
              <span className="font-medium text-gray-900">{choice.label}</span>
              <span className="block text-sm text-gray-700">{choice.description}</span>
            </span>
          </label>
        ))}
        <FieldError id="type-error" errors={errors.type} />
      </fieldset>
      {type === "OBJECTION" ? (
        <fieldset className="space-y-2" aria-describedby="objectionScope-error">
          <legend className={labelClass}>What do you object to?</legend>
          {props.scopes.map((scope) => (
            <label key={scope.value} className="flex items-start gap-2 text-sm text-gray-900">
              <input
                type="checkbox"
                name="objectionScope"
                value={scope.value}
                defaultChecked={form.values("objectionScope")?.includes(scope.value)}
                className="mt-1 h-4 w-4"
              />
              <span>{scope.label}</span>
            </label>
          ))}
          <FieldError id="objectionScope-error" errors={errors.objectionScope} />
        </fieldset>
      ) : null}
      {type === "SHINE_THE_LIGHT" ? (
        <p className="text-sm text-gray-800">
          California&apos;s Shine the Light law applies; we answer within 30 days.
        </p>
      ) : (
        <div className="max-w-md space-y-1">
          <label className={labelClass} htmlFor="law">
            Where do you live?
          </label>
          <select
            className={inputClass}
            id="law"
            name="law"
            key={form.value("law") ?? props.defaultLaw}
            defaultValue={form.value("law") ?? props.defaultLaw}
            aria-describedby="law-hint"
          >
            {props.laws.map((law) => (
              <option key={law.value} value={law.value}>
                {law.label}
              </option>
            ))}
          </select>
          <p id="law-hint" className="text-sm text-gray-700">
            It decides your request&apos;s legal deadline. We suggest one from your profile.
          </p>
        </div>
      )}
      {type === "SHINE_THE_LIGHT" ? <input type="hidden" name="law" value="CCPA" /> : null}
      <div className="space-y-1">
        <label className={labelClass} htmlFor="details">
          Details {["CORRECTION", "QUESTION", "RESTRICTION"].includes(type) ? "" : "(optional)"}
        </label>
        <textarea
          className={inputClass}
          id="details"
          name="details"
          rows={5}
          defaultValue={form.value("details") ?? ""}
          aria-invalid={form.invalid("details")}
          aria-describedby="details-error"
        />
        <FieldError id="details-error" errors={errors.details} />
      </div>
      <SubmitButton pendingLabel="Sending…">Send request</SubmitButton>
    </>
  );
}
