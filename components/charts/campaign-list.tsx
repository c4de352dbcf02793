// The newest notice campaigns on the team's front page: each with its progress bar and
// figures that add up to its recipients, linking to the campaign's own page.
import Link from "next/link";
import type { CampaignProgress } from "@/lib/notices/campaign";
import { CampaignProgressBar } from "./campaign-progress";

type Campaign = CampaignProgress & { breachTitle: string | null };

const STATUS = { RUNNING: "Sending", PAUSED: "Paused", CANCELLED: "Cancelled", COMPLETED: "Completed" } as const;

export function CampaignList(props: {
  title: string;
  campaigns: Campaign[];
  href: (campaign: Campaign) => string;
  name: (campaign: Campaign) => string;
  allHref: string;
  empty: string;
}) {
  return (
    <section aria-labelledby={`campaigns-${props.allHref}`}>
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <h2 id={`campaigns-${props.allHref}`} className="text-lg font-semibold text-gray-900">
          {props.title}
        </h2>
        <Link className="text-sm text-brand-700 underline" href={props.allHref}>
          All {props.title.toLowerCase()}
        </Link>
      </div>
      {props.campaigns.length === 0 ? (
        <p className="text-sm text-gray-800">{props.empty}</p>
      ) : (
        <ul className="space-y-5">
          {props.campaigns.map((campaign) => (
            <li key={campaign.id}>
              <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3">
                <Link className="font-medium text-brand-700 underline" href={props.href(campaign)}>
                  {props.name(campaign)}
                </Link>
                <span className="text-sm text-gray-800">{STATUS[campaign.status]}</span>
              </div>
              <CampaignProgressBar progress={campaign} compact />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
