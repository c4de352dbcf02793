import type { Metadata } from "next";
import { MessageCard } from "@/components/ui";

export const metadata: Metadata = { title: "Check your email" };

export default function ParentCheckEmailPage() {
  return (
    <MessageCard title="Check your email" link={{ href: "/", label: "Back to the privacy center" }}>
      We sent a link to the address you gave. Open it within 24 hours to confirm your request; nothing happens until you
      do. If it does not arrive in a few minutes, look in your spam folder.
    </MessageCard>
  );
}
