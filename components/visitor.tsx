"use client";

// The visitor's own state for the parts of a page that depend on who is looking
// (header, banners, cookie choice, notice settings). Pages are cached and the same for
// everyone; this asks the private /api/visitor once per page load and after each
// navigation (signing in or out navigates), and whenever a part calls refresh().
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

export type VisitorState = {
  viewer: { name: string | null; email: string; role: "USER" | "ADMIN" } | null;
  cookieChoice: { analytics: boolean; advertising: boolean } | null;
  /** The browser's opt-out signal in words, or null. */
  signal: string | null;
  /** For a signed-in viewer sending a signal: whether the account honours it yet, and since when. */
  signalState: { isApplied: boolean; honouredOn: string | null } | null;
  policyNotices: { versionId: string; slug: string; title: string; version: number; text: string }[];
  minorNoticeOptIn: boolean;
};

type VisitorContext = {
  state: VisitorState | null;
  /** False until the first answer (or failure): parts that differ by visitor show a placeholder until then. */
  isSettled: boolean;
  refresh: () => void;
};

const Context = createContext<VisitorContext>({ state: null, isSettled: false, refresh: () => {} });

export function VisitorProvider(props: { children: ReactNode }) {
  const pathname = usePathname();
  const [state, setState] = useState<VisitorState | null>(null);
  const [isSettled, setSettled] = useState(false);
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/visitor", { cache: "no-store", credentials: "same-origin", signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<VisitorState>) : null))
      .then((next) => {
        if (next) setState(next);
        setSettled(true);
      })
      .catch(() => {
        // Offline: the page works without it (signed-out header). Aborted: a newer request follows.
        if (!controller.signal.aborted) setSettled(true);
      });
    return () => controller.abort();
  }, [pathname, round]);
  return <Context.Provider value={{ state, isSettled, refresh }}>{props.children}</Context.Provider>;
}

/** `state` is null until the first answer arrives (and stays null if it never does: `isSettled`). */
export function useVisitor(): VisitorContext {
  return useContext(Context);
}
