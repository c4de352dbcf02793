"use client";

// The shell of a form around one server action (lib/actions: one result shape).
// It keeps the action's state, and after a refusal:
//   - shows an error summary at the top (role=alert) and moves focus to it; each field
//     with an error is a link that focuses the field (named by its label when the
//     field shows its own message below it, by the message when it does not);
//   - keeps every field as it was: the form is sent without React's reset (which would put
//     selects, radios and checkboxes back to their defaults), and only cleared after a success;
//   - gives the fields their errors (`form.error(name)`, `form.invalid(name)` for
//     aria-invalid; a refused control that does not mark itself is marked) and what was
//     submitted (`form.value(name)`, for fields that mount again, e.g. shown by a choice);
// and after a success shows the action's message (role=status).
// Fields read all this from the render function's argument or from useFormShell().
import {
  createContext,
  startTransition,
  useActionState,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type ReactNode,
  type Ref,
} from "react";
import type { ActionResult, ActionState, FieldErrors } from "@/lib/actions";
import { Alert, Button } from "./ui";

export type FormShellState<T = null> = {
  /** The action's last answer (null before the first submit). */
  state: ActionState<T>;
  pending: boolean;
  /** The field errors of the last refusal (none before a submit or after a success). */
  errors: FieldErrors;
  error: (name: string) => string[] | undefined;
  /** For aria-invalid. */
  invalid: (name: string) => true | undefined;
  /** What was submitted in the field, after a refusal (else undefined: use the field's own default). */
  value: (name: string) => string | undefined;
  /** Every value submitted under the name (checkbox groups), after a refusal. */
  values: (name: string) => string[] | undefined;
};

type Snapshot<T> = { state: ActionState<T>; submitted: FormData | null };
type Success<T> = Extract<ActionResult<T>, { ok: true }>;

/** What FormShell calls: `(previous state, form data) => result`, as every server action answers. */
export type FormAction<T> = (state: ActionState<T>, formData: FormData) => Promise<ActionResult<T>>;

const FormShellContext = createContext<FormShellState<unknown> | null>(null);

/** The enclosing FormShell's state (for fields and buttons rendered inside it). */
export function useFormShell<T = null>(): FormShellState<T> {
  const value = useContext(FormShellContext);
  if (!value) throw new Error("useFormShell() outside a <FormShell>");
  return value as FormShellState<T>;
}

function snapshotState<T>(snapshot: Snapshot<T>): FormShellState<T> & { pending: boolean } {
  const { state, submitted } = snapshot;
  const errors: FieldErrors = state && !state.ok ? state.fieldErrors : {};
  const echoed = state && !state.ok ? state.values : undefined;
  const failed = Boolean(state && !state.ok);
  return {
    state,
    pending: false,
    errors,
    error: (name) => (errors[name]?.length ? errors[name] : undefined),
    invalid: (name) => (errors[name]?.length ? true : undefined),
    value: (name) => {
      if (!failed) return undefined;
      const raw = submitted?.get(name);
      if (typeof raw === "string") return raw;
      return echoed?.[name];
    },
    values: (name) =>
      failed && submitted ? submitted.getAll(name).filter((v): v is string => typeof v === "string") : undefined,
  };
}

type SummaryItem = { name: string; text: string; target: HTMLElement | null };

/**
 * Marks the refused controls that do not say so themselves (plain fields in an ActionForm),
 * so a summary never speaks of highlighted fields that are not; returns them to unmark later.
 */
function markInvalid(items: SummaryItem[]): HTMLElement[] {
  return items.flatMap(({ target }) => {
    // A radio group is marked as a whole (a radio itself has no aria-invalid).
    const element = (target as HTMLInputElement | null)?.type === "radio" ? target?.closest("fieldset") : target;
    if (!element || element.hasAttribute("aria-invalid")) return [];
    element.setAttribute("aria-invalid", "true");
    return [element];
  });
}

/** The element a summary link focuses: the named control (the first of a radio or checkbox group). */
function controlOf(form: HTMLFormElement, name: string): HTMLElement | null {
  const found = form.elements.namedItem(name);
  if (!found) return form.querySelector<HTMLElement>(`[id="${CSS.escape(name)}"]`);
  if (found instanceof RadioNodeList) return (found[0] as HTMLElement | undefined) ?? null;
  return found as HTMLElement;
}

function labelOf(control: HTMLElement | null): string | null {
  if (!control) return null;
  const labels = (control as HTMLInputElement).labels;
  const type = (control as HTMLInputElement).type;
  // A group's name is its legend; a lone control's is its label.
  const legend =
    type === "radio" || type === "checkbox" ? control.closest("fieldset")?.querySelector("legend")?.textContent : null;
  const text = legend ?? (labels && labels.length ? labels[0].textContent : null);
  return text?.replace(/\s+/g, " ").trim() || null;
}

function summaryItems(form: HTMLFormElement, errors: FieldErrors): SummaryItem[] {
  return Object.entries(errors).flatMap(([name, messages]) => {
    if (!messages?.length) return [];
    const target = controlOf(form, name);
    // The field says what is wrong below itself: the summary names the field; otherwise it gives the message.
    const inline = [name, target?.id]
      .filter(Boolean)
      .some((id) => form.querySelector(`[id="${CSS.escape(`${id}-error`)}"]`)?.textContent?.trim());
    const label = inline ? labelOf(target) : null;
    return [{ name, text: label ?? messages[0], target }];
  });
}

export function ErrorSummary({ ref, ...props }: { title: string; items: SummaryItem[]; ref?: Ref<HTMLDivElement> }) {
  const titleId = useId();
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
      className="col-span-full rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
      data-testid="error-summary"
    >
      <p id={titleId} className="font-semibold">
        {props.title}
      </p>
      {props.items.length ? (
        <ul className="mt-1 list-disc pl-5">
          {props.items.map((item) => (
            <li key={item.name}>
              {item.target ? (
                <a
                  className="underline"
                  href={`#${item.target.id || item.name}`}
                  onClick={(event) => {
                    event.preventDefault();
                    item.target?.focus();
                    item.target?.scrollIntoView({ block: "center" });
                  }}
                >
                  {item.text}
                </a>
              ) : (
                item.text
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function FormShell<T = null>(props: {
  /** A server action (lib/actions), or a function around one that answers the same result. */
  action: FormAction<T>;
  children: ReactNode | ((form: FormShellState<T>) => ReactNode);
  className?: string;
  /** The form's accessible name. */
  label?: string;
  /** Asked with window.confirm before sending; a function may decide per button (null: no question). */
  confirm?: string | ((submitter: HTMLButtonElement | null) => string | null);
  /**
   * Keep the fields also after a success (after a refusal every form keeps them): for
   * editors whose fields hold the saved text.
   */
  keepValues?: boolean;
  /** What a success shows: the action's message by default; false for nothing (e.g. the page changes). */
  success?: false | ((result: Success<T>) => ReactNode);
  /** After a success show only that, not the form again (a one-time step). */
  replaceOnSuccess?: boolean;
  testId?: string;
}) {
  const [snapshot, dispatch, pending] = useActionState<Snapshot<T>, FormData>(
    async (previous, formData) => {
      const state = await props.action(previous.state, formData);
      return { state, submitted: state.ok ? null : formData };
    },
    { state: null, submitted: null },
  );
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [items, setItems] = useState<SummaryItem[]>([]);
  const form: FormShellState<T> = { ...snapshotState(snapshot), pending };
  const { state } = snapshot;

  // After a refusal: name the fields (read from the rendered form), mark the ones that do not
  // mark themselves, and take focus (in view, also on a phone). After a success: clear the
  // fields, as React does for a form action (it is not asked to: see onSubmit).
  useEffect(() => {
    const element = formRef.current;
    if (!state || !element) return;
    if (state.ok) {
      if (!props.keepValues) element.reset();
      return;
    }
    const found = summaryItems(element, state.fieldErrors);
    setItems(found);
    const marked = markInvalid(found);
    const summary = summaryRef.current;
    summary?.focus({ preventScroll: true });
    summary?.scrollIntoView({ block: "start", behavior: "instant" });
    return () => marked.forEach((target) => target.removeAttribute("aria-invalid"));
  }, [state, props.keepValues]);

  const fieldMessages = state && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  // When the message is a field's own (shown below it), the summary does not repeat it.
  const summaryTitle =
    state && !state.ok ? (fieldMessages.includes(state.message) ? "There is a problem" : state.message) : "";
  const success =
    state?.ok && props.success !== false ? (
      props.success ? (
        props.success(state)
      ) : (
        <Alert tone="success">{state.message}</Alert>
      )
    ) : null;
  if (state?.ok && props.replaceOnSuccess) return <>{success}</>;

  return (
    <FormShellContext.Provider value={form as FormShellState<unknown>}>
      <form
        ref={formRef}
        action={dispatch}
        aria-label={props.label}
        className={props.className ?? "space-y-4"}
        noValidate
        data-testid={props.testId}
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          const question = typeof props.confirm === "function" ? props.confirm(submitter) : props.confirm;
          if (question && !window.confirm(question)) {
            event.preventDefault();
            return;
          }
          // Sent here rather than by React's form action, which resets every field once the action
          // answers: after a refusal the fields keep exactly what the person entered (selects, radios,
          // checkboxes, files, and controlled fields whose state React would not reset). The form's
          // `action` stays for a submit made before hydration, which React replays.
          event.preventDefault();
          const data = new FormData(event.currentTarget, submitter);
          startTransition(() => dispatch(data));
        }}
      >
        {state && !state.ok ? <ErrorSummary ref={summaryRef} title={summaryTitle} items={items} /> : null}
        {/* Inside a grid form the messages span every column. */}
        {success ? <div className="col-span-full">{success}</div> : null}
        {typeof props.children === "function" ? props.children(form) : props.children}
      </form>
    </FormShellContext.Provider>
  );
}

/** The form's submit button: disabled and relabelled while the action runs. */
export function SubmitButton({
  pendingLabel,
  children,
  disabled,
  ...rest
}: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending } = useFormShell();
  return (
    <Button type="submit" disabled={pending || disabled} {...rest}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
