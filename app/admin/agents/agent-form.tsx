"use client";

import { FormShell, SubmitButton } from "@/components/form-shell";
import { Field, inputClass } from "@/components/ui";
import { registerAgentAction } from "./actions";

const FIELDS = [
  { name: "agentId", label: "DRP agent id", hint: "As in the DRP Service Directory, e.g. CR_AGENT_001." },
  { name: "name", label: "Name", hint: "The agent's name as consumers know it." },
  { name: "contact", label: "Contact", hint: "The agent's technical or business contact (email address or URL)." },
  {
    name: "verifyKey",
    label: "Ed25519 verify key",
    hint: "The agent's public key: 64 hex characters (base64 from the Service Directory is accepted too).",
  },
] as const;

export function AgentForm() {
  return (
    <FormShell action={registerAgentAction} className="grid gap-4 sm:grid-cols-2" label="Register an agent">
      {(form) => (
        <>
          {FIELDS.map((field) => (
            <Field
              key={field.name}
              name={field.name}
              label={field.label}
              hint={field.hint}
              errors={form.error(field.name)}
              className={field.name === "verifyKey" ? "sm:col-span-2" : undefined}
            >
              {(describedBy) => (
                <input
                  className={`${inputClass} ${field.name === "verifyKey" ? "font-mono" : ""}`}
                  id={field.name}
                  name={field.name}
                  required
                  autoComplete="off"
                  defaultValue={form.value(field.name)}
                  aria-invalid={form.invalid(field.name)}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
          ))}
          <div className="sm:col-span-2">
            <SubmitButton pendingLabel="Registering…">Register agent</SubmitButton>
          </div>
        </>
      )}
    </FormShell>
  );
}
