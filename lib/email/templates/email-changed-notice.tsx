import { Heading, Link, Text } from "@react-email/components";
import { EmailLayout, emailText } from "./layout";

export function EmailChangedNoticeEmail(props: {
  companyName: string;
  maskedNewEmail: string;
  stage: "requested" | "changed";
  accountUrl: string;
}) {
  const changed = props.stage === "changed";
  return (
    <EmailLayout
      preview={
        changed ? "Your sign-in email address was changed" : "A change of your sign-in email address was requested"
      }
      companyName={props.companyName}
    >
      <Heading as="h1" style={emailText.heading}>
        {changed ? "Your sign-in email address was changed" : "Someone asked to change your sign-in email"}
      </Heading>
      <Text style={emailText.paragraph}>
        {changed
          ? `Your account now signs in with ${props.maskedNewEmail}. We will no longer send account email to this address.`
          : `A request was made in your privacy center to move your account to ${props.maskedNewEmail}. It only takes effect when that address confirms it.`}
      </Text>
      <Text style={emailText.paragraph}>
        If this was not you, reply to this email or contact the privacy team at once, and review your account at{" "}
        <Link href={props.accountUrl}>{props.accountUrl}</Link>.
      </Text>
    </EmailLayout>
  );
}
