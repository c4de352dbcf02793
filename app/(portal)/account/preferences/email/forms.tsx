"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { inputClass, labelClass } from "@/components/ui";
import { saveEmailPreferences, sendSample } from "./actions";

type Category = { key: string; label: string; description: string; subscribed: boolean };

export function EmailPreferencesForm(props: { categories: Category[]; trackingAllowed: boolean }) {
  return (
    <FormShell action={saveEmailPreferences} className="space-y-6">
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-gray-900">Topics</legend>
        {props.categories.map((category) => (
          <div key={category.key} className="flex items-start gap-3">
            <input
              id={category.key}
              name={category.key}
              type="checkbox"
              defaultChecked={category.subscribed}
              className="mt-1 h-4 w-4"
              aria-describedby={`${category.key}-help`}
            />
            <div>
              <label htmlFor={category.key} className="font-medium text-gray-900">
                {category.label}
              </label>
              <p id={`${category.key}-help`} className="text-sm text-gray-700">
                {category.description}
              </p>
            </div>
          </div>
        ))}
        <div className="flex items-start gap-3">
          <input
            id="LEGAL"
            type="checkbox"
            checked
            disabled
            readOnly
            className="mt-1 h-4 w-4"
            aria-describedby="LEGAL-help"
          />
          <div>
            <label htmlFor="LEGAL" className="font-medium text-gray-900">
              Legal notices <span className="text-sm font-normal text-gray-700">(always on)</span>
            </label>
            <p id="LEGAL-help" className="text-sm text-gray-700">
              Privacy policy changes, breach notices and updates on your privacy requests. These are transactional: the
              law requires us to tell you, so they cannot be turned off.
            </p>
          </div>
        </div>
      </fieldset>
      <hr className="border-gray-200" />
      <fieldset className="space-y-2">
        <legend className="mb-2 text-lg font-semibold text-gray-900">Open confirmations</legend>
        <div className="flex items-start gap-3">
          <input
            id="trackingAllowed"
            name="trackingAllowed"
            type="checkbox"
            defaultChecked={props.trackingAllowed}
            className="mt-1 h-4 w-4"
            aria-describedby="tracking-help"
          />
          <div>
            <label htmlFor="trackingAllowed" className="font-medium text-gray-900">
              Tell us when I open an email
            </label>
            <p id="tracking-help" className="text-sm text-gray-700">
              Adds a tiny image to our emails that tells us when you open them. When this is off, emails have no such
              image and no opens are recorded.
            </p>
          </div>
        </div>
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save email preferences</SubmitButton>
    </FormShell>
  );
}

export function SampleEmailForm(props: { categories: { key: string; label: string }[] }) {
  return (
    <FormShell action={sendSample} className="space-y-3">
      <div className="space-y-1">
        <label htmlFor="sample-category" className={labelClass}>
          Topic
        </label>
        <select
          id="sample-category"
          name="category"
          className={`${inputClass} sm:max-w-xs`}
          defaultValue="PRODUCT_NEWS"
        >
          {props.categories.map((category) => (
            <option key={category.key} value={category.key}>
              {category.label}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send me a sample email
      </SubmitButton>
    </FormShell>
  );
}
