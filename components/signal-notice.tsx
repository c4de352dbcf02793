// Reads DNT / Sec-GPC on every page request. For a signed-in user whose account
// does not honour the signal yet, it asks the browser to run the action that
// applies it (rendering stays read-only), then shows the date it was honoured.
import { headers } from "next/headers";
import type { Action } from "@/lib/actions";
import { getViewer } from "@/lib/dal";
import { log } from "@/lib/core/log";
import { getOptOutSignalState } from "@/lib/signals/apply";
import { describeSignals, readBrowserSignals } from "@/lib/signals/read";
import { ApplySignal } from "./signal-apply";
import { formatDate } from "@/lib/core/format";

export async function SignalNotice(props: { applyAction: Action<null> }) {
  const signals = readBrowserSignals(await headers());
  if (!signals.any) return null;
  const viewer = await getViewer();
  let state: Awaited<ReturnType<typeof getOptOutSignalState>> | null = null;
  if (viewer) {
    try {
      state = await getOptOutSignalState(viewer.userId);
    } catch (error) {
      log.error("could not read the opt-out signal state", { error });
    }
  }
  const honouredAt = state?.isApplied ? state.honouredAt : null;
  return (
    <div role="status" data-testid="signal-notice" className="border-b border-green-200 bg-green-50">
      {viewer && state && !state.isApplied ? <ApplySignal action={props.applyAction} /> : null}
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-green-900 sm:px-6">
        {honouredAt
          ? `Your browser's opt-out signal (${describeSignals(signals)}) was honoured on ${formatDate(honouredAt, "longDate")}: analytics and advertising are off for your account.`
          : `Your browser's opt-out signal (${describeSignals(signals)}) is honoured: no analytics or advertising scripts load.`}
      </p>
    </div>
  );
}
