"use client";

// Shown while the browser sends DNT / Sec-GPC (read by /api/visitor from this
// browser's requests). For a signed-in user whose account does not honour the
// signal yet, it runs the action that applies it, then shows the date it was honoured.
import { useEffect, useRef } from "react";
import type { Action } from "@/lib/actions";
import { useVisitor } from "./visitor";

export function SignalNotice(props: { applyAction: Action<null> }) {
  const { state, refresh } = useVisitor();
  const started = useRef(false);
  const mustApply = Boolean(state?.viewer && state.signal && state.signalState && !state.signalState.isApplied);
  useEffect(() => {
    if (!mustApply || started.current) return;
    started.current = true;
    void props.applyAction(null, {}).then((result) => {
      if (result.ok) refresh();
    });
  }, [mustApply, props, refresh]);
  if (!state?.signal) return null;
  const honouredOn = state.signalState?.isApplied ? state.signalState.honouredOn : null;
  return (
    <div role="status" data-testid="signal-notice" className="border-b border-green-200 bg-green-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-green-900 sm:px-6">
        {honouredOn
          ? `Your browser's opt-out signal (${state.signal}) was honoured on ${honouredOn}: analytics and advertising are off for your account.`
          : `Your browser's opt-out signal (${state.signal}) is honoured: no analytics or advertising scripts load.`}
      </p>
    </div>
  );
}
