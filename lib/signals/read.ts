// Browser opt-out signals: `DNT: 1` (Do Not Track) and `Sec-GPC: 1` (Global
// Privacy Control). Pure, so pages, route handlers and tests share it.
export type BrowserSignals = { dnt: boolean; gpc: boolean; any: boolean };

export function readBrowserSignals(headers: { get(name: string): string | null }): BrowserSignals {
  const dnt = headers.get("dnt")?.trim() === "1";
  const gpc = headers.get("sec-gpc")?.trim() === "1";
  return { dnt, gpc, any: dnt || gpc };
}

export function describeSignals(signals: BrowserSignals): string {
  if (signals.gpc && signals.dnt) return "Global Privacy Control and Do Not Track";
  if (signals.gpc) return "Global Privacy Control";
  return "Do Not Track";
}
