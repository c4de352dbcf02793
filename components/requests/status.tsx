// Shared pieces of the request pages (the person's and the team's).
import { DateTime } from "../date-time";

const STATUS_LABELS: Record<string, string> = {
  RECEIVED: "Received",
  ACKNOWLEDGED: "Acknowledged",
  VERIFIED: "Identity verified",
  IN_PROGRESS: "In progress",
  EXTENDED: "Extended",
  COMPLETED: "Completed",
  DENIED: "Denied",
  WITHDRAWN: "Withdrawn",
  AWAITING_VERIFICATION: "Waiting for the address to be confirmed",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

const DUE_STYLES = {
  overdue: "bg-red-100 text-red-900 ring-red-300",
  "due-soon": "bg-amber-100 text-amber-950 ring-amber-300",
  "on-time": "bg-gray-100 text-gray-900 ring-gray-300",
  closed: "bg-gray-50 text-gray-700 ring-gray-200",
} as const;

/** The due date, red when overdue and amber within 7 days (with the words, not only the colour). */
export function DueDate(props: { dueAt: Date; state: keyof typeof DUE_STYLES }) {
  const suffix = props.state === "overdue" ? " · overdue" : props.state === "due-soon" ? " · due soon" : "";
  return (
    <span
      data-due-state={props.state}
      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-sm font-medium ring-1 ${DUE_STYLES[props.state]}`}
    >
      <DateTime value={props.dueAt} format="date" />
      {suffix}
    </span>
  );
}
