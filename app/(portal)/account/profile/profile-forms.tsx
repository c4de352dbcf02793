"use client";

import { useTranslations } from "next-intl";
import { FormShell, SubmitButton } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import { changeEmailAction, saveLocaleAction, saveProfileAction } from "./actions";

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

// Labels are the catalogue's profile.details.fields.<name>; the country has a hint.
const FIELDS: { name: keyof ProfileValues; autoComplete: string; hasHint?: boolean; wide?: boolean }[] = [
  { name: "name", autoComplete: "name" },
  { name: "displayName", autoComplete: "nickname" },
  { name: "phone", autoComplete: "tel" },
  { name: "company", autoComplete: "organization" },
  { name: "addressLine", autoComplete: "street-address", wide: true },
  { name: "city", autoComplete: "address-level2" },
  { name: "postalCode", autoComplete: "postal-code" },
  { name: "country", autoComplete: "country", hasHint: true },
];

export function ProfileForm(props: { values: ProfileValues }) {
  const t = useTranslations("profile.details");
  return (
    <FormShell action={saveProfileAction} className="grid gap-4 sm:grid-cols-2">
      {(form) => (
        <>
          {FIELDS.map((item) => (
            <div key={item.name} className={`space-y-1 ${item.wide ? "sm:col-span-2" : ""}`}>
              <label className={labelClass} htmlFor={item.name}>
                {t(`fields.${item.name}`)}
              </label>
              <input
                className={inputClass}
                id={item.name}
                name={item.name}
                autoComplete={item.autoComplete}
                defaultValue={form.value(item.name) ?? props.values[item.name]}
                aria-invalid={form.invalid(item.name)}
                aria-describedby={`${item.name}-error${item.hasHint ? ` ${item.name}-hint` : ""}`}
              />
              {item.hasHint ? (
                <p id={`${item.name}-hint`} className="text-xs text-gray-700">
                  {t("fields.countryHint")}
                </p>
              ) : null}
              <FieldError id={`${item.name}-error`} errors={form.error(item.name)} />
            </div>
          ))}
          <div className="sm:col-span-2">
            <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
          </div>
        </>
      )}
    </FormShell>
  );
}

export function EmailChangeForm() {
  const t = useTranslations("profile.email");
  return (
    <FormShell action={changeEmailAction} className="space-y-4">
      {(form) => (
        <>
          <div className="max-w-md space-y-1">
            <label className={labelClass} htmlFor="newEmail">
              {t("newAddress")}
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
          <SubmitButton variant="secondary" pendingLabel={t("sending")}>
            {t("send")}
          </SubmitButton>
        </>
      )}
    </FormShell>
  );
}

/** The account's language: one of ours, or "follow my browser" (the cookie, then Accept-Language). */
export function LocaleForm(props: { saved: string; options: { value: string; label: string }[] }) {
  const t = useTranslations("profile.language");
  return (
    <FormShell action={saveLocaleAction} className="space-y-4">
      {(form) => (
        <>
          <div className="max-w-md space-y-1">
            <label className={labelClass} htmlFor="profile-locale">
              {t("label")}
            </label>
            <select
              className={inputClass}
              id="profile-locale"
              name="locale"
              defaultValue={form.value("locale") ?? props.saved}
              aria-invalid={form.invalid("locale")}
              aria-describedby="locale-error"
            >
              <option value="">{t("followBrowser")}</option>
              {props.options.map((option) => (
                <option key={option.value} value={option.value} lang={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <FieldError id="locale-error" errors={form.error("locale")} />
          </div>
          <SubmitButton variant="secondary" pendingLabel={t("saving")}>
            {t("save")}
          </SubmitButton>
        </>
      )}
    </FormShell>
  );
}
