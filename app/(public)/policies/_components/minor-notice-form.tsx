"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { updateMinorNoticeOptIn } from "../actions";

export function MinorNoticeOptIn(props: { enabled: boolean }) {
  return (
    <FormShell
      action={updateMinorNoticeOptIn}
      className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm"
    >
      {(form) => {
        const enabled = form.state?.ok ? form.state.data.enabled : props.enabled;
        return (
          <>
            <p className="text-gray-800">
              We always email you about substantive changes.{" "}
              {enabled
                ? "You also get an email about minor changes (wording, clarifications)."
                : "Minor changes (wording, clarifications) are only shown here."}
            </p>
            <input type="hidden" name="enabled" value={enabled ? "off" : "on"} />
            <SubmitButton variant="secondary">
              {enabled ? "Stop emailing me about minor changes" : "Email me about minor changes too"}
            </SubmitButton>
          </>
        );
      }}
    </FormShell>
  );
}
