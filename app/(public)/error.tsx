"use client";
// A public page (policies, parents' requests, statistics) that fails unexpectedly.
import { ErrorPanel } from "@/components/error-panel";

export default function PublicError(props: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel error={props.error} retry={props.retry} back={{ href: "/policies", label: "Go to our policies" }} />
  );
}
