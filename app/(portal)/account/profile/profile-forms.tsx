"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
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
  return (
    <FormShell action={saveProfileAction} className="grid gap-4 sm:grid-cols-2">
      {(form) => (
        <>
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
                defaultValue={form.value(item.name) ?? props.values[item.name]}
                aria-invalid={form.invalid(item.name)}
                aria-describedby={`${item.name}-error${item.hint ? ` ${item.name}-hint` : ""}`}
              />
              {item.hint ? (
                <p id={`${item.name}-hint`} className="text-xs text-gray-700">
                  {item.hint}
                </p>
              ) : null}
              <FieldError id={`${item.name}-error`} errors={form.error(item.name)} />
            </div>
          ))}
          <div className="sm:col-span-2">
            <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
          </div>
        </>
      )}
    </FormShell>
  );
}

export function EmailChangeForm() {
  return (
    <FormShell action={changeEmailAction} className="space-y-4">
      {(form) => (
        <>
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
              defaultValue={form.value("newEmail") ?? ""}
              aria-invalid={form.invalid("newEmail")}
              aria-describedby="newEmail-error"
            />
            <FieldError id="newEmail-error" errors={form.error("newEmail")} />
          </div>
          <SubmitButton variant="secondary" pendingLabel="Sending…">
            Send confirmation link
          </SubmitButton>
        </>
      )}
    </FormShell>
  );
}
