import type { Metadata } from "next";
import { z } from "zod";
import { MessageCard } from "@/components/ui";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

// The same page whatever we hold about the address (nothing is looked up before it is confirmed).
export default async function SubjectCheckEmailPage(props: { searchParams: Promise<SearchParams> }) {
  const { for: filedFor } = parseSearchParams(
    z.object({ for: textParam(10).optional() }),
    await props.searchParams,
  ).data;
  if (filedFor === "agent")
    return (
      <MessageCard
        title="Request sent: the consumer must confirm it"
        link={{ href: "/", label: "Back to the privacy center" }}
      >
        We emailed the consumer a link to confirm their own address. Nothing is looked up, shown or deleted until they
        use it (within 24 hours). We emailed you a receipt and will tell you as the request moves on; the results go to
        the consumer.
      </MessageCard>
    );
  return (
    <MessageCard title="Check your email" link={{ href: "/", label: "Back to the privacy center" }}>
      We sent a link to the address you gave. Open it within 24 hours to confirm your request; nothing happens until you
      do. If it does not arrive in a few minutes, look in your spam folder.
    </MessageCard>
  );
}
