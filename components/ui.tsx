// Small shared presentational pieces (no data access).
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";

export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-gray-900">{props.title}</h1>
        {props.description ? <p className="mt-2 max-w-2xl text-base text-gray-700">{props.description}</p> : null}
      </div>
      {props.actions ? <div className="flex gap-2">{props.actions}</div> : null}
    </div>
  );
}

export function Card(props: { children: ReactNode; className?: string }) {
  return (
    <div className={`rounded-xl border border-gray-200 bg-white p-6 shadow-sm ${props.className ?? ""}`}>
      {props.children}
    </div>
  );
}

/** A one-message page: a narrow card with a heading, a sentence and where to go next. */
export function MessageCard(props: { title: string; children: ReactNode; link: { href: string; label: string } }) {
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">{props.title}</h1>
        <p className="mt-3 text-gray-700">{props.children}</p>
        <Link className="mt-6 inline-block font-semibold text-brand-700 underline" href={props.link.href}>
          {props.link.label}
        </Link>
      </Card>
    </div>
  );
}

export function Button({
  className,
  variant = "primary",
  ...rest
}: ComponentProps<"button"> & { variant?: "primary" | "secondary" | "danger" }) {
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-gray-400",
    secondary: "border border-gray-300 bg-white text-gray-900 hover:bg-gray-50 disabled:text-gray-500",
    danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-gray-400",
  }[variant];
  return (
    <button
      className={`inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm transition disabled:cursor-not-allowed ${styles} ${className ?? ""}`}
      {...rest}
    />
  );
}

export function ButtonLink({ className, ...rest }: ComponentProps<typeof Link>) {
  return (
    <Link
      className={`inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 ${className ?? ""}`}
      {...rest}
    />
  );
}

export function Alert(props: { tone?: "info" | "error" | "success" | "warning"; title?: string; children: ReactNode }) {
  const tone = props.tone ?? "info";
  const styles = {
    info: "border-brand-100 bg-brand-50 text-brand-900",
    error: "border-red-200 bg-red-50 text-red-900",
    success: "border-green-200 bg-green-50 text-green-900",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg border p-4 text-sm ${styles}`}>
      {props.title ? <p className="mb-1 font-semibold">{props.title}</p> : null}
      <div>{props.children}</div>
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-base text-gray-900 shadow-sm placeholder:text-gray-500 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";

export const labelClass = "block text-sm font-medium text-gray-900";

/** The first error of a form field, linked to its input by aria-describedby={id}. */
export function FieldError(props: { errors?: string[]; id: string }) {
  return props.errors?.length ? (
    <p id={props.id} className="text-sm text-red-700">
      {props.errors[0]}
    </p>
  ) : null;
}

/**
 * A labelled form field with an optional hint and its first error; `children` renders the
 * control, given the ids it should name in aria-describedby.
 */
export function Field(props: {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  className?: string;
  children: (describedBy: string) => ReactNode;
}) {
  const describedBy = `${props.name}-error${props.hint ? ` ${props.name}-hint` : ""}`;
  return (
    <div className={`space-y-1 ${props.className ?? ""}`}>
      <label className={labelClass} htmlFor={props.name}>
        {props.label}
      </label>
      {props.hint ? (
        <p id={`${props.name}-hint`} className="text-sm text-gray-700">
          {props.hint}
        </p>
      ) : null}
      {props.children(describedBy)}
      <FieldError id={`${props.name}-error`} errors={props.errors} />
    </div>
  );
}

/** Field errors of a form's last result (none before the first submit or after a success). */
export function fieldErrorsOf(
  state: { ok: boolean; fieldErrors?: Partial<Record<string, string[]>> } | null,
): Partial<Record<string, string[]>> {
  return state && !state.ok ? (state.fieldErrors ?? {}) : {};
}
