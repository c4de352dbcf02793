"use client";

// A disclosure that starts open on a wide screen and closed on a phone (below
// Tailwind's `sm`, 40rem), for secondary content that would make a phone page
// long: the page stays short on a phone, and one tap shows the rest. Without
// JavaScript it starts closed everywhere, which still works (<details>).
import { useEffect, useRef, type ReactNode } from "react";

export function WideOpenDetails(props: {
  summary: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia("(min-width: 40rem)").matches) ref.current.open = true;
  }, []);
  return (
    <details ref={ref} className={props.className} data-testid={props.testId}>
      <summary className="cursor-pointer text-lg font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
        {props.summary}
      </summary>
      <div>{props.children}</div>
    </details>
  );
}
