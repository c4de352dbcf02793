import type { LegalState } from "@/lib/legal/admin";
import { formatLegalDate } from "@/lib/legal/admin";

export function LegalStateBadge(props: { state: LegalState; notifiedAt: Date | null; prohibitedUntil: Date | null }) {
  if (props.state === "NOTIFIED")
    return (
      <span className="text-gray-800" data-testid="legal-state">
        Told {props.notifiedAt ? formatLegalDate(props.notifiedAt) : ""}
      </span>
    );
  if (props.state === "PROHIBITED")
    return (
      <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-950" data-testid="legal-state">
        Prohibited until {props.prohibitedUntil ? formatLegalDate(props.prohibitedUntil) : ""}
      </span>
    );
  return (
    <span className="rounded bg-red-100 px-2 py-0.5 font-semibold text-red-900" data-testid="legal-state">
      Prohibition ended: tell them now
    </span>
  );
}
