"use client";

// Runs the action that applies the browser's opt-out signal to the account once,
// then re-renders the page so the notice shows the date it was honoured.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { Action } from "@/lib/actions";

export function ApplySignal(props: { action: Action<null> }) {
  const router = useRouter();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void props.action(null, {}).then((result) => {
      if (result.ok) router.refresh();
    });
  }, [props, router]);
  return null;
}
