import type { CampaignProgress } from "@/lib/notices/campaign";

export function formatEta(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds === 0) return "done";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function ProgressBar(props: { progress: CampaignProgress }) {
  const p = props.progress;
  const done = p.sent + p.failed + p.cancelled;
  const percent = p.total ? Math.round((done / p.total) * 100) : p.materialized ? 100 : 0;
  return (
    <div>
      <div
        className="h-3 w-full overflow-hidden rounded-full bg-gray-200"
        role="progressbar"
        aria-label="Notices processed"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="h-3 bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-gray-800">{percent}% processed</p>
    </div>
  );
}

export function ProgressFigures(props: { progress: CampaignProgress }) {
  const p = props.progress;
  const figures: [string, string][] = [
    ["Recipients", p.materialized ? String(p.total) : "preparing…"],
    ["Queued", String(p.queued)],
    ["Sending", String(p.sending)],
    ["Sent", String(p.sent)],
    ["Failed", String(p.failed)],
    ["Cancelled", String(p.cancelled)],
    ["Remaining", String(p.remaining)],
    ["Rate", `${p.currentRate.toFixed(1)}/s (limit ${p.ratePerSecond}/s)`],
    ["ETA", formatEta(p.etaSeconds)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {figures.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-gray-200 bg-white p-3">
          <dt className="text-xs font-medium uppercase tracking-wide text-gray-700">{label}</dt>
          <dd className="text-lg font-semibold text-gray-900" data-testid={`figure-${label.toLowerCase()}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
