import type { ReactNode } from "react";

/** A wide table's horizontal scroller, reachable by keyboard (WCAG 2.1.1) on narrow screens. */
export function ScrollRegion(props: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
