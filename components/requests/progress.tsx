// A privacy request's step-by-step progress, for the person's page and the public status page:
// received → identity confirmed → being worked on → answered (or closed another way).
import { formatDate } from "@/lib/core/format";
import { ProgressSteps, type ProgressStep } from "../progress-steps";

type TimelineEvent = { status: string | null; at: Date };

const CLOSED_LABELS: Record<string, string> = {
  COMPLETED: "Answered",
  DENIED: "Closed: we could not do what you asked",
  WITHDRAWN: "Closed: withdrawn",
};

/** The steps of a request from its status and timeline (pure, for tests and both pages). */
export function requestProgress(request: {
  status: string;
  receivedAt: Date;
  verifiedAt?: Date | null;
  closedAt?: Date | null;
  dueAt: Date;
  events: TimelineEvent[];
  /** Filed without an account: the first step after sending is confirming the address. */
  confirmsAddress?: boolean;
}): ProgressStep[] {
  const firstAt = (...statuses: string[]) =>
    request.events.find((event) => event.status && statuses.includes(event.status))?.at ?? null;
  const closed = CLOSED_LABELS[request.status] ? request.status : null;
  const closedAt = closed ? (request.closedAt ?? firstAt(closed) ?? request.receivedAt) : null;
  const steps: { label: string; date: Date | null }[] = [
    { label: request.confirmsAddress ? "Request sent" : "Received", date: request.receivedAt },
    {
      label: request.confirmsAddress ? "Address confirmed" : "Identity confirmed",
      date:
        request.status === "AWAITING_VERIFICATION" ? null : (request.verifiedAt ?? firstAt("VERIFIED", "IN_PROGRESS")),
    },
    { label: "Being worked on", date: firstAt("IN_PROGRESS") },
  ];
  // Answered without passing a step (e.g. an export made at once): that step happened then too.
  if (closed === "COMPLETED") for (const step of steps) step.date ??= closedAt;
  return [
    ...steps.map((step) => ({ ...step, skipped: Boolean(closed) && !step.date })),
    {
      label: CLOSED_LABELS[closed ?? "COMPLETED"],
      date: closedAt,
      pending: `by ${formatDate(request.dueAt, "longDate")}`,
    },
  ];
}

export function RequestProgress(props: Parameters<typeof requestProgress>[0]) {
  return <ProgressSteps steps={requestProgress(props)} label="Progress" testId="request-progress" />;
}
