import { CampaignProgressBar } from "@/components/charts/campaign-progress";
import { formatNumber } from "@/lib/core/format";
import type { CampaignProgress } from "@/lib/notices/campaign";

export function formatEta(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds === 0) return "done";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The campaign's progress: one bar split into sent, failed, (cancelled) and remaining, whose figures add up to the recipients. */
export function ProgressBar(props: { progress: CampaignProgress }) {
  return <CampaignProgressBar progress={props.progress} />;
}

/** What is behind "remaining", and how fast it goes. */
export function ProgressFigures(props: { progress: CampaignProgress }) {
  const p = props.progress;
  const figures: [string, string][] = [
    ["Queued", formatNumber(p.queued)],
    ["Sending", formatNumber(p.sending)],
    ["Rate", `${p.currentRate.toFixed(1)}/s (limit ${p.ratePerSecond}/s)`],
    ["ETA", formatEta(p.etaSeconds)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
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
