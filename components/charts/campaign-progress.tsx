// A notice campaign's progress as one bar split into sent, failed, cancelled and
// remaining, with the same figures beside it: they add up to the recipients (every
// delivery is in exactly one of them), and the picture says so in words.
import { scaleLinear } from "d3-scale";
import { formatNumber } from "@/lib/core/format";
import type { CampaignProgress } from "@/lib/notices/campaign";

type Part = {
  key: "sent" | "failed" | "cancelled" | "remaining";
  label: string;
  value: number;
  fill: string;
  bg: string;
};

export function campaignParts(progress: CampaignProgress): Part[] {
  const parts: Part[] = [
    { key: "sent", label: "Sent", value: progress.sent, fill: "fill-emerald-700", bg: "bg-emerald-700" },
    { key: "failed", label: "Failed", value: progress.failed, fill: "fill-rose-700", bg: "bg-rose-700" },
    { key: "cancelled", label: "Cancelled", value: progress.cancelled, fill: "fill-gray-500", bg: "bg-gray-500" },
    { key: "remaining", label: "Remaining", value: progress.remaining, fill: "fill-gray-200", bg: "bg-gray-200" },
  ];
  // Cancelled only appears once something was cancelled.
  return parts.filter((part) => part.key !== "cancelled" || part.value > 0);
}

export function CampaignProgressBar(props: { progress: CampaignProgress; compact?: boolean; figures?: boolean }) {
  const { progress } = props;
  const parts = campaignParts(progress);
  const recipients = progress.total;
  const width = 400;
  const height = props.compact ? 12 : 16;
  const x = scaleLinear()
    .domain([0, Math.max(1, recipients)])
    .range([0, width]);
  // Each part starts where the parts before it end.
  const starts = parts.map((_, index) => parts.slice(0, index).reduce((sum, part) => sum + part.value, 0));
  const segments = parts.map((part, index) => ({
    ...part,
    x: x(starts[index]),
    width: x(starts[index] + part.value) - x(starts[index]),
  }));
  const summary = progress.materialized
    ? `${formatNumber(recipients)} recipients: ${parts.map((part) => `${formatNumber(part.value)} ${part.label.toLowerCase()}`).join(", ")}.`
    : "Preparing the list of recipients.";
  return (
    <div data-campaign={progress.id}>
      <svg
        role="img"
        aria-label={`Progress: ${summary}`}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="block w-full rounded-full"
        height={height}
      >
        <rect x={0} y={0} width={width} height={height} className="fill-gray-200" />
        {segments.map((segment) =>
          segment.width > 0 ? (
            <rect
              key={segment.key}
              x={segment.x}
              y={0}
              width={segment.width}
              height={height}
              className={segment.fill}
            />
          ) : null,
        )}
      </svg>
      {props.figures === false ? null : (
        <dl className={`mt-2 flex flex-wrap gap-x-5 gap-y-1 ${props.compact ? "text-xs" : "text-sm"} text-gray-800`}>
          <div className="flex items-baseline gap-1.5">
            <dt>Recipients</dt>
            <dd
              className="font-semibold text-gray-900 tabular-nums"
              data-figure="recipients"
              data-testid="figure-recipients"
            >
              {progress.materialized ? formatNumber(recipients) : "preparing…"}
            </dd>
          </div>
          {parts.map((part) => (
            <div key={part.key} className="flex items-baseline gap-1.5">
              <dt className="flex items-center gap-1.5">
                <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${part.bg}`} />
                {part.label}
              </dt>
              <dd
                className="font-semibold text-gray-900 tabular-nums"
                data-figure={part.key}
                data-testid={`figure-${part.key}`}
              >
                {formatNumber(part.value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
