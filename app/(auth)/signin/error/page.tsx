import type { Metadata } from "next";
import { MessageCard } from "@/components/ui";

export const metadata: Metadata = { title: "Sign-in problem" };

const messages: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Links work once, for 10 minutes.",
  AccessDenied: "You cannot sign in with this account.",
  Configuration: "Sign-in is not available right now. Please try again later.",
  AccountDeleting: "This account is being deleted. Once that is done (usually within a minute), you can sign up again with the same address.",
};

export default async function SignInErrorPage(props: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await props.searchParams;
  const message = (error && messages[error]) || "Something went wrong while signing you in.";
  return (
    <MessageCard title="We could not sign you in" link={{ href: "/signin", label: "Get a new sign-in link" }}>
      {message}
    </MessageCard>
  );
}
