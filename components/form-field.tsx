"use client";

// One field inside a FormShell (or an ActionForm), for pages that render their controls on the
// server: it gives the control its label, hint, aria-invalid and aria-describedby from the
// enclosing form's last refusal, and shows the field's message below it. The control is the
// only child, e.g. <FormField name="note" label="Note"><textarea className={inputClass} name="note" /></FormField>.
import { cloneElement, type ReactElement, type ReactNode } from "react";
import { useFormShell } from "./form-shell";
import { FieldError, labelClass } from "./ui";

type ControlProps = { id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

export function FormField(props: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: ReactElement<ControlProps>;
}) {
  const form = useFormShell();
  const id = props.children.props.id ?? props.name;
  const errors = form.error(props.name);
  const describedBy = [props.hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className={`space-y-1 ${props.className ?? ""}`}>
      <label className={labelClass} htmlFor={id}>
        {props.label}
      </label>
      {props.hint ? (
        <p id={`${id}-hint`} className="text-sm text-gray-700">
          {props.hint}
        </p>
      ) : null}
      {cloneElement(props.children, {
        id,
        "aria-invalid": errors ? true : undefined,
        "aria-describedby": describedBy,
      })}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
