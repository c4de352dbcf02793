"use client";
// Any page that fails unexpectedly (outside the areas with their own boundary).
import { ErrorPanel } from "@/components/error-panel";

export default function RootError(props: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={props.error} retry={props.retry} back={{ href: "/", label: "Go to the home page" }} />;
}
