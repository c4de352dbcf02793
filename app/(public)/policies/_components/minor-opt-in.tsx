"use client";

import { useActionState } from "react";
import { Alert, Button } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import { updateMinorNoticeOptIn } from "../actions";

export function MinorNoticeOptIn(props: { enabled: boolean }) {
  const [state, action, pending] = useActionState<ActionState<{ enabled: boolean }>, FormData>(
    updateMinorNoticeOptIn,
    null,
  );
  const enabled = state?.ok ? state.data.enabled : props.enabled;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm">
      <p className="text-gray-800">
        We always email you about substantive changes.{" "}
        {enabled
          ? "You also get an email about minor changes (wording, clarifications)."
          : "Minor changes (wording, clarifications) are only shown here."}
      </p>
      <input type="hidden" name="enabled" value={enabled ? "off" : "on"} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {enabled ? "Stop emailing me about minor changes" : "Email me about minor changes too"}
      </Button>
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
    </form>
  );
}
