"use client";

import { useActionState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { changeEmailAction, saveProfileAction } from "./actions";

type ProfileValues = {
  name: string;
  displayName: string;
  phone: string;
  company: string;
  addressLine: string;
  city: string;
  postalCode: string;
  country: string;
};

const FIELDS: { name: keyof ProfileValues; label: string; autoComplete: string; hint?: string; wide?: boolean }[] = [
  { name: "name", label: "Full name", autoComplete: "name" },
  { name: "displayName", label: "Display name", autoComplete: "nickname" },
  { name: "phone", label: "Phone", autoComplete: "tel" },
  { name: "company", label: "Company", autoComplete: "organization" },
  { name: "addressLine", label: "Street address", autoComplete: "street-address", wide: true },
  { name: "city", label: "City", autoComplete: "address-level2" },
  { name: "postalCode", label: "Postal code", autoComplete: "postal-code" },
  { name: "country", label: "Country", autoComplete: "country", hint: "Two-letter code, e.g. US" },
];

export function ProfileForm(props: { values: ProfileValues }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveProfileAction, null);
  const errors = fieldErrorsOf(state);
  const values = state && !state.ok && state.values ? (state.values as ProfileValues) : props.values;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      {state ? (
        <div className="sm:col-span-2">
          <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      ) : null}
      {FIELDS.map((item) => (
        <div key={item.name} className={`space-y-1 ${item.wide ? "sm:col-span-2" : ""}`}>
          <label className={labelClass} htmlFor={item.name}>
            {item.label}
          </label>
          <input
            className={inputClass}
            id={item.name}
            name={item.name}
            autoComplete={item.autoComplete}
            defaultValue={values[item.name]}
            aria-invalid={errors[item.name] ? true : undefined}
            aria-describedby={`${item.name}-error${item.hint ? ` ${item.name}-hint` : ""}`}
          />
          {item.hint ? (
            <p id={`${item.name}-hint`} className="text-xs text-gray-700">
              {item.hint}
            </p>
          ) : null}
          <FieldError id={`${item.name}-error`} errors={errors[item.name]} />
        </div>
      ))}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save details"}
        </Button>
      </div>
    </form>
  );
}

export function EmailChangeForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeEmailAction, null);
  const errors = fieldErrorsOf(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <div className="max-w-md space-y-1">
        <label className={labelClass} htmlFor="newEmail">
          New email address
        </label>
        <input
          className={inputClass}
          id="newEmail"
          name="newEmail"
          type="email"
          autoComplete="email"
          defaultValue={state && !state.ok ? (state.values?.newEmail ?? "") : ""}
          aria-invalid={errors.newEmail ? true : undefined}
          aria-describedby="newEmail-error"
        />
        <FieldError id="newEmail-error" errors={errors.newEmail} />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Sending…" : "Send confirmation link"}
      </Button>
    </form>
  );
}
