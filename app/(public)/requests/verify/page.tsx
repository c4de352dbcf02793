import type { Metadata } from "next";
import { MessageCard } from "@/components/ui";

export const metadata: Metadata = { title: "Confirm your request", robots: { index: false } };

// Where an authorized agent's app sends the person (DRP's user_verification_url): the
// confirmation itself is the link we emailed to the address the request is about.
export default function SubjectVerifyPage() {
  return (
    <MessageCard title="Confirm your request from your email" link={{ href: "/requests/new", label: "Make a request" }}>
      We emailed a link to the address the request is about. Open it within 24 hours to confirm that the request is
      yours; nothing is looked up, shown or deleted until you do. If it has expired, ask again.
    </MessageCard>
  );
}
