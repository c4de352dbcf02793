import { NOTIFY_WITHIN_DAYS } from "@/lib/breaches/schema";

export function TimeToNotify(props: { days: number; complete: boolean; overLimit: boolean }) {
  const text = `${props.days} day${props.days === 1 ? "" : "s"}${props.complete ? "" : " so far"}`;
  return props.overLimit ? (
    <span
      className="inline-flex items-center gap-1 rounded bg-red-100 px-2 py-0.5 font-semibold text-red-900"
      data-testid="notify-late"
    >
      {text}: over {NOTIFY_WITHIN_DAYS} days
    </span>
  ) : (
    <span className="text-gray-800" data-testid="notify-time">
      {text}
    </span>
  );
}
