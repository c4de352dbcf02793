"use client";

import { useActionState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { addSharingEntry } from "./actions";

export function SharingForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addSharingEntry, null);
  const errors = fieldErrorsOf(state);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      {state ? (
        <div className="sm:col-span-2">
          <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      ) : null}
      <div className="space-y-1">
        <label className={labelClass} htmlFor="name">
          Name
        </label>
        <input className={inputClass} id="name" name="name" required aria-describedby="name-error" />
        <FieldError id="name-error" errors={errors.name} />
      </div>
      <div className="space-y-1">
        <label className={labelClass} htmlFor="kind">
          Kind
        </label>
        <select className={inputClass} id="kind" name="kind" defaultValue="PROCESSOR">
          <option value="PROCESSOR">Processor</option>
          <option value="AGENT">Agent</option>
          <option value="AFFILIATE">Affiliate</option>
          <option value="THIRD_PARTY">Third party</option>
        </select>
        <FieldError id="kind-error" errors={errors.kind} />
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label className={labelClass} htmlFor="address">
          Postal address
        </label>
        <input className={inputClass} id="address" name="address" required aria-describedby="address-error" />
        <FieldError id="address-error" errors={errors.address} />
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label className={labelClass} htmlFor="dataCategories">
          Data categories (comma-separated)
        </label>
        <input
          className={inputClass}
          id="dataCategories"
          name="dataCategories"
          aria-describedby="dataCategories-error"
        />
        <FieldError id="dataCategories-error" errors={errors.dataCategories} />
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label className={labelClass} htmlFor="purpose">
          Purpose
        </label>
        <textarea className={inputClass} id="purpose" name="purpose" rows={2} aria-describedby="purpose-error" />
        <FieldError id="purpose-error" errors={errors.purpose} />
      </div>
      <div className="space-y-1">
        <label className={labelClass} htmlFor="startsOn">
          Sharing since
        </label>
        <input className={inputClass} id="startsOn" name="startsOn" type="date" aria-describedby="startsOn-error" />
        <FieldError id="startsOn-error" errors={errors.startsOn} />
      </div>
      <div className="flex items-center gap-2 self-end pb-2">
        <input id="isMarketing" name="isMarketing" type="checkbox" className="h-4 w-4" />
        <label htmlFor="isMarketing" className="text-sm text-gray-900">
          Used for the party&apos;s own direct marketing
        </label>
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add to register"}
        </Button>
      </div>
    </form>
  );
}
