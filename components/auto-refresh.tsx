"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server page every few seconds while it shows work in progress. */
export function AutoRefresh(props: { seconds: number; active?: boolean }) {
  const router = useRouter();
  const active = props.active ?? true;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), props.seconds * 1000);
    return () => clearInterval(timer);
  }, [router, props.seconds, active]);
  return null;
}
