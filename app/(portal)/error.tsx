"use client";
// A page of the signed-in area that fails unexpectedly: the portal's menu stays.
import { ErrorPanel } from "@/components/error-panel";

export default function PortalError(props: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      error={props.error}
      retry={props.retry}
      back={{ href: "/account", label: "Back to your privacy center" }}
    />
  );
}
