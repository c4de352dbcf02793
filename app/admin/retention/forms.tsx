"use client";

import { FieldError, inputClass } from "@/components/ui";
import { FormShell, SubmitButton } from "@/components/form-shell";
import { startRunAction, updateRuleAction } from "./actions";

/**
 * A compact editor in a table row (FormShell: after a refusal the summary above the field
 * links to it, takes focus and the field keeps what was typed; after a success the field
 * keeps the saved period and the message says what changed).
 */
export function RuleForm(props: { target: string; title: string; days: number }) {
  const id = `days-${props.target}`;
  return (
    <FormShell
      action={updateRuleAction}
      className="space-y-2"
      label={`Retention of ${props.title.toLowerCase()}`}
      keepValues
    >
      {(form) => (
        <>
          <input type="hidden" name="target" value={props.target} />
          <label className="sr-only" htmlFor={id}>
            Days to keep {props.title.toLowerCase()}
          </label>
          {/* The field and its button stay on one line; a message goes below them. */}
          <div className="flex items-center gap-2">
            <input
              className={`${inputClass} min-w-[5.5rem] max-w-24`}
              id={id}
              name="days"
              type="number"
              min={1}
              max={3650}
              defaultValue={form.value("days") ?? props.days}
              aria-describedby={`${id}-error`}
              aria-invalid={form.invalid("days")}
            />
            <SubmitButton variant="secondary" pendingLabel="Saving…">
              Save
            </SubmitButton>
          </div>
          <FieldError id={`${id}-error`} errors={form.error("days")} />
        </>
      )}
    </FormShell>
  );
}

export function RunForm() {
  return (
    <FormShell
      action={startRunAction}
      className="space-y-3"
      confirm={(submitter) =>
        submitter?.value === "purge"
          ? "Delete everything older than its retention period now? This cannot be undone."
          : null
      }
    >
      {(form) => (
        <div className="flex flex-wrap gap-2">
          <SubmitButton name="mode" value="dry-run" variant="secondary">
            Dry run (count only)
          </SubmitButton>
          <SubmitButton name="mode" value="purge" variant="danger">
            Purge expired data now
          </SubmitButton>
          {form.pending ? (
            <span role="status" className="self-center text-sm text-gray-700">
              Working…
            </span>
          ) : null}
        </div>
      )}
    </FormShell>
  );
}
