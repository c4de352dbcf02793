"use client";

import { useActionState } from "react";
import { Alert, Button } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { adjustSubscriptions, confirmUnsubscribe } from "./actions";

export function ConfirmUnsubscribeForm(props: { token: string; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(confirmUnsubscribe, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={props.token} />
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Unsubscribing…" : `Unsubscribe from ${props.label.toLowerCase()}`}
      </Button>
    </form>
  );
}

export function AdjustSubscriptionsForm(props: {
  token: string;
  categories: { key: string; label: string; description: string; subscribed: boolean }[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(adjustSubscriptions, null);
  return (
    <form action={action} className="space-y-4">
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
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save my email choices"}
      </Button>
    </form>
  );
}
