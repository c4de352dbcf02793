"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { adjustSubscriptions, confirmUnsubscribe } from "./actions";

export function ConfirmUnsubscribeForm(props: { token: string; label: string }) {
  return (
    <FormShell action={confirmUnsubscribe} className="space-y-3">
      <input type="hidden" name="token" value={props.token} />
      <SubmitButton pendingLabel="Unsubscribing…">{`Unsubscribe from ${props.label.toLowerCase()}`}</SubmitButton>
    </FormShell>
  );
}

export function AdjustSubscriptionsForm(props: {
  token: string;
  categories: { key: string; label: string; description: string; subscribed: boolean }[];
}) {
  return (
    <FormShell action={adjustSubscriptions} className="space-y-4">
      <input type="hidden" name="token" value={props.token} />
      <fieldset className="space-y-3">
        <legend className="sr-only">Email topics</legend>
        {props.categories.map((category) => (
          <div key={category.key} className="flex items-start gap-3">
            <input
              id={`link-${category.key}`}
              name={category.key}
              type="checkbox"
              defaultChecked={category.subscribed}
              className="mt-1 h-4 w-4"
            />
            <label htmlFor={`link-${category.key}`} className="text-sm text-gray-900">
              <span className="font-medium">{category.label}</span>
              <span className="block text-gray-700">{category.description}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save my email choices
      </SubmitButton>
    </FormShell>
  );
}
