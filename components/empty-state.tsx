// What a list or table shows when it has nothing in it: one sentence saying so,
// optionally why or what comes next, and an action (a link or a button).
import type { ReactNode } from "react";

export function EmptyState(props: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  /** `framed`: a dashed box of its own; `plain`: inside a Card that already frames it. */
  variant?: "framed" | "plain";
  testId?: string;
}) {
  const framed = (props.variant ?? "framed") === "framed";
  return (
    <div
      className={framed ? "rounded-xl border border-dashed border-gray-300 bg-white px-6 py-8 text-center" : "py-1"}
      data-testid={props.testId}
      data-empty-state=""
    >
      <p className="font-medium text-gray-900">{props.title}</p>
      {props.description ? <p className="mt-1 text-sm text-gray-700">{props.description}</p> : null}
      {props.action ? <div className={`mt-4 ${framed ? "flex justify-center" : ""}`}>{props.action}</div> : null}
    </div>
  );
}
