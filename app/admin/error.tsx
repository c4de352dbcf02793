"use client";
// An admin page that fails unexpectedly: the admin menu stays.
import { ErrorPanel } from "@/components/error-panel";

export default function AdminError(props: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      error={props.error}
      retry={props.retry}
      back={{ href: "/admin", label: "Back to the admin overview" }}
    />
  );
}
