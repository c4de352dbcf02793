// A step-by-step progress (the parents' status page, a privacy request's pages): each step is
// done (with its date), the current one (aria-current="step"), still to come, or skipped
// because the request closed before it.
import { formatDate } from "@/lib/core/format";

export type ProgressStep = {
  label: string;
  /** When the step was reached; null while it is still to come. */
  date: Date | null;
  /** What a step still to come says instead of a date (default "not yet"). */
  pending?: string;
  /** Reached, at a time not recorded. */
  reached?: boolean;
  /** Not reached and no longer going to be (the request closed). */
  skipped?: boolean;
};

export function ProgressSteps(props: { steps: ProgressStep[]; label?: string; testId?: string }) {
  // The current step: the first one not reached, unless everything after it was skipped.
  const current = props.steps.findIndex((step) => !step.date && !step.reached && !step.skipped);
  return (
    <ol className="mt-4 space-y-2" aria-label={props.label ?? "Progress"} data-testid={props.testId}>
      {props.steps.map((step, index) => {
        const state =
          step.date || step.reached ? "done" : step.skipped ? "skipped" : index === current ? "current" : "upcoming";
        return (
          <li
            key={step.label}
            className="flex items-baseline gap-3 text-sm"
            aria-current={state === "current" ? "step" : undefined}
            data-state={state}
          >
            <span
              aria-hidden="true"
              className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${
                state === "done"
                  ? "bg-brand-600"
                  : state === "current"
                    ? "bg-white ring-2 ring-brand-600"
                    : "bg-gray-300"
              }`}
            />
            <span className={state === "current" ? "font-semibold text-gray-900" : "text-gray-900"}>{step.label}</span>
            <span className="text-gray-700">
              {step.date
                ? formatDate(step.date, "longDate")
                : step.reached
                  ? "done"
                  : step.skipped
                    ? "skipped"
                    : (step.pending ?? "not yet")}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
