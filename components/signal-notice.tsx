// Reads DNT / Sec-GPC on every page request: for a signed-in user the signal is
// applied to the account as an opt-out and the date it was honoured is shown.
import { headers } from "next/headers";
import { getViewer } from "@/lib/dal";
import { applyOptOutSignal } from "@/lib/signals/apply";
import { describeSignals, readBrowserSignals } from "@/lib/signals/read";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export async function SignalNotice() {
  const signals = readBrowserSignals(await headers());
  if (!signals.any) return null;
  const viewer = await getViewer();
  let honouredAt: Date | null = null;
  if (viewer) {
    try {
      honouredAt = (await applyOptOutSignal({ userId: viewer.userId, signals })).honouredAt;
    } catch (error) {
      console.error("[signals] could not apply opt-out signal:", (error as Error).message);
    }
  }
  return (
    <div role="status" data-testid="signal-notice" className="border-b border-green-200 bg-green-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-green-900 sm:px-6">
        {honouredAt
          ? `Your browser's opt-out signal (${describeSignals(signals)}) was honoured on ${dateFormat.format(honouredAt)}: analytics and advertising are off for your account.`
          : `Your browser's opt-out signal (${describeSignals(signals)}) is honoured: no analytics or advertising scripts load.`}
      </p>
    </div>
  );
}
