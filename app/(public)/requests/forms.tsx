"use client";

import { useState } from "react";
import { FormShell, SubmitButton, type FormAction, type FormShellState } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";

type Choice = { value: string; label: string; description: string };

export function PublicRequestForm(props: {
  action: FormAction<null>;
  types: Choice[];
  laws: { value: string; label: string }[];
  maxUploadMb: number;
}) {
  return (
    <FormShell action={props.action} className="space-y-6" success={false} label="Privacy request">
      {(form) => <Fields form={form} {...props} />}
    </FormShell>
  );
}

function TextField(props: {
  form: FormShellState;
  name: string;
  label: string;
  hint?: string;
  type?: string;
  autoComplete?: string;
  multiline?: boolean;
}) {
  const describedBy = [props.hint ? `${props.name}-hint` : null, `${props.name}-error`].filter(Boolean).join(" ");
  const common = {
    id: props.name,
    name: props.name,
    className: inputClass,
    defaultValue: props.form.value(props.name) ?? "",
    "aria-invalid": props.form.invalid(props.name),
    "aria-describedby": describedBy,
  };
  return (
    <div className="space-y-1">
      <label className={labelClass} htmlFor={props.name}>
        {props.label}
      </label>
      {props.multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type={props.type ?? "text"} autoComplete={props.autoComplete} {...common} />
      )}
      {props.hint ? (
        <p id={`${props.name}-hint`} className="text-sm text-gray-700">
          {props.hint}
        </p>
      ) : null}
      <FieldError id={`${props.name}-error`} errors={props.form.errors[props.name]} />
    </div>
  );
}

function Fields(props: {
  form: FormShellState;
  types: Choice[];
  laws: { value: string; label: string }[];
  maxUploadMb: number;
}) {
  const { form } = props;
  const [filingFor, setFilingFor] = useState(form.value("filingFor") ?? "self");
  const isAgent = filingFor === "other";
  const selectedType = form.value("type") ?? "ACCESS";
  return (
    <>
      <fieldset className="space-y-2" aria-describedby="filingFor-error">
        <legend className={labelClass}>Who is this request for?</legend>
        {[
          { value: "self", label: "Me" },
          { value: "other", label: "I am filing for someone else (as their authorized agent)" },
        ].map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 text-sm text-gray-900">
            <input
              type="radio"
              name="filingFor"
              value={choice.value}
              checked={filingFor === choice.value}
              onChange={() => setFilingFor(choice.value)}
              className="mt-1 h-4 w-4"
            />
            <span>{choice.label}</span>
          </label>
        ))}
        <FieldError id="filingFor-error" errors={form.errors.filingFor} />
      </fieldset>

      <fieldset className="space-y-3" aria-describedby="type-error">
        <legend className={labelClass}>What would you like us to do?</legend>
        {props.types.map((type) => (
          <label key={type.value} className="flex items-start gap-2 text-sm text-gray-900">
            <input
              type="radio"
              name="type"
              value={type.value}
              defaultChecked={selectedType === type.value}
              className="mt-1 h-4 w-4"
            />
            <span>
              <span className="font-medium">{type.label}</span>
              <span className="block text-gray-700">{type.description}</span>
            </span>
          </label>
        ))}
        <FieldError id="type-error" errors={form.errors.type} />
      </fieldset>

      <div className="space-y-1">
        <label className={labelClass} htmlFor="law">
          Where does the person live?
        </label>
        <select
          id="law"
          name="law"
          className={inputClass}
          defaultValue={form.value("law") ?? "OTHER"}
          aria-invalid={form.invalid("law")}
          aria-describedby="law-error"
        >
          {props.laws.map((law) => (
            <option key={law.value} value={law.value}>
              {law.label}
            </option>
          ))}
        </select>
        <FieldError id="law-error" errors={form.errors.law} />
      </div>

      <TextField
        form={form}
        name="email"
        type="email"
        autoComplete={isAgent ? "off" : "email"}
        label={isAgent ? "The consumer's email address" : "Your email address"}
        hint={
          isAgent
            ? "The request is about the information we hold under this address. We email the consumer a link to confirm it is them; nothing is looked up or shown until they do."
            : "The request is about the information we hold under this address. We email you a link to confirm it; nothing is looked up or shown until you do."
        }
      />
      <TextField
        form={form}
        name="name"
        autoComplete={isAgent ? "off" : "name"}
        label={isAgent ? "The consumer's name (optional)" : "Your name (optional)"}
      />

      {isAgent ? (
        <fieldset className="space-y-4 rounded-md border border-gray-300 p-4">
          <legend className="px-1 text-sm font-semibold text-gray-900">You, the authorized agent</legend>
          <TextField form={form} name="agentName" label="Your name" autoComplete="name" />
          <TextField
            form={form}
            name="agentEmail"
            type="email"
            autoComplete="email"
            label="Your email address"
            hint="We email you as the request moves on. The results go to the consumer."
          />
          <div className="space-y-1">
            <label className={labelClass} htmlFor="permission">
              The consumer&apos;s signed permission
            </label>
            <input
              id="permission"
              name="permission"
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              className="block w-full text-sm text-gray-900"
              aria-invalid={form.invalid("permission")}
              aria-describedby="permission-hint permission-error"
            />
            <p id="permission-hint" className="text-sm text-gray-700">
              A PDF, PNG or JPEG of at most {props.maxUploadMb} MB, signed by the consumer, saying that you may make
              this request for them. Attach it again if the form shows an error.
            </p>
            <FieldError id="permission-error" errors={form.errors.permission} />
          </div>
        </fieldset>
      ) : null}

      <TextField
        form={form}
        name="details"
        multiline
        label="Details (needed for a correction, optional otherwise)"
        hint="For a correction: what is wrong and what it should say."
      />

      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm text-gray-900">
          <input
            type="checkbox"
            id="confirm"
            name="confirm"
            className="mt-1 h-4 w-4"
            defaultChecked={form.value("confirm") !== undefined}
            aria-invalid={form.invalid("confirm")}
            aria-describedby="confirm-error"
          />
          <span>
            {isAgent
              ? "I am authorized by the consumer to make this request, and the information in this form is true."
              : "The address is mine, and the information in this form is true."}
          </span>
        </label>
        <FieldError id="confirm-error" errors={form.errors.confirm} />
      </div>
      <SubmitButton pendingLabel="Sending…">Send the request</SubmitButton>
    </>
  );
}

export function ConfirmSubjectForm(props: { token: string; action: FormAction<null> }) {
  return (
    <FormShell action={props.action} className="space-y-3">
      {(form) => (
        <>
          <input type="hidden" name="token" value={props.token} />
          {form.state?.ok ? null : <SubmitButton pendingLabel="Confirming…">Confirm my request</SubmitButton>}
        </>
      )}
    </FormShell>
  );
}
