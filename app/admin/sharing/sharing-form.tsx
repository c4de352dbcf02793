"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import { addSharingEntry } from "./actions";

export function SharingForm() {
  return (
    <FormShell action={addSharingEntry} className="grid gap-4 sm:grid-cols-2">
      {(form) => (
        <>
          <div className="space-y-1">
            <label className={labelClass} htmlFor="name">
              Name
            </label>
            <input
              className={inputClass}
              id="name"
              name="name"
              required
              defaultValue={form.value("name")}
              aria-invalid={form.invalid("name")}
              aria-describedby="name-error"
            />
            <FieldError id="name-error" errors={form.error("name")} />
          </div>
          <div className="space-y-1">
            <label className={labelClass} htmlFor="kind">
              Kind
            </label>
            <select
              className={inputClass}
              id="kind"
              name="kind"
              key={form.value("kind") ?? "PROCESSOR"}
              defaultValue={form.value("kind") ?? "PROCESSOR"}
              aria-invalid={form.invalid("kind")}
              aria-describedby="kind-error"
            >
              <option value="PROCESSOR">Processor</option>
              <option value="AGENT">Agent</option>
              <option value="AFFILIATE">Affiliate</option>
              <option value="THIRD_PARTY">Third party</option>
            </select>
            <FieldError id="kind-error" errors={form.error("kind")} />
          </div>
          <div className="space-y-1 sm:col-span-2">
            <label className={labelClass} htmlFor="address">
              Postal address
            </label>
            <input
              className={inputClass}
              id="address"
              name="address"
              required
              defaultValue={form.value("address")}
              aria-invalid={form.invalid("address")}
              aria-describedby="address-error"
            />
            <FieldError id="address-error" errors={form.error("address")} />
          </div>
          <div className="space-y-1 sm:col-span-2">
            <label className={labelClass} htmlFor="dataCategories">
              Data categories (comma-separated)
            </label>
            <input
              className={inputClass}
              id="dataCategories"
              name="dataCategories"
              defaultValue={form.value("dataCategories")}
              aria-invalid={form.invalid("dataCategories")}
              aria-describedby="dataCategories-error"
            />
            <FieldError id="dataCategories-error" errors={form.error("dataCategories")} />
          </div>
          <div className="space-y-1 sm:col-span-2">
            <label className={labelClass} htmlFor="purpose">
              Purpose
            </label>
            <textarea
              className={inputClass}
              id="purpose"
              name="purpose"
              rows={2}
              defaultValue={form.value("purpose")}
              aria-invalid={form.invalid("purpose")}
              aria-describedby="purpose-error"
            />
            <FieldError id="purpose-error" errors={form.error("purpose")} />
          </div>
          <div className="space-y-1">
            <label className={labelClass} htmlFor="startsOn">
              Sharing since
            </label>
            <input
              className={inputClass}
              id="startsOn"
              name="startsOn"
              type="date"
              defaultValue={form.value("startsOn")}
              aria-invalid={form.invalid("startsOn")}
              aria-describedby="startsOn-error"
            />
            <FieldError id="startsOn-error" errors={form.error("startsOn")} />
          </div>
          <div className="flex items-center gap-2 self-end pb-2">
            <input
              id="isMarketing"
              name="isMarketing"
              type="checkbox"
              className="h-4 w-4"
              defaultChecked={form.value("isMarketing") !== undefined}
            />
            <label htmlFor="isMarketing" className="text-sm text-gray-900">
              Used for the party&apos;s own direct marketing
            </label>
          </div>
          <div className="sm:col-span-2">
            <SubmitButton pendingLabel="Adding…">Add to register</SubmitButton>
          </div>
        </>
      )}
    </FormShell>
  );
}
