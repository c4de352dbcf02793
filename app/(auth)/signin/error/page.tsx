import type { Metadata } from "next";
import { z } from "zod";
import { MessageCard } from "@/components/ui";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";

export const metadata: Metadata = { title: "Sign-in problem" };

const messages = new Map<string, string>(
  Object.entries({
    Verification: "This sign-in link has expired or has already been used. Links work once, for 10 minutes.",
    AccessDenied: "You cannot sign in with this account.",
    Configuration: "Sign-in is not available right now. Please try again later.",
    AccountDeleting:
      "This account is being deleted. Once that is done (usually within a minute), you can sign up again with the same address.",
  }),
);

export default async function SignInErrorPage(props: { searchParams: Promise<SearchParams> }) {
  // A Map, not an object: ?error=__proto__ or ?error=constructor must not find anything.
  const { error } = parseSearchParams(z.object({ error: textParam(40).optional() }), await props.searchParams).data;
  const message = (error && messages.get(error)) || "Something went wrong while signing you in.";
  return (
    <MessageCard title="We could not sign you in" link={{ href: "/signin", label: "Get a new sign-in link" }}>
      {message}
    </MessageCard>
  );
}
