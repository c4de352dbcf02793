import { Heading, Text } from "@react-email/components";
import { EmailAction, EmailLayout, emailText } from "./layout";

export function SignInEmail(props: { url: string; companyName: string; minutes: number }) {
  return (
    <EmailLayout
      preview={`Your sign-in link for the ${props.companyName} privacy center`}
      companyName={props.companyName}
      footer="If you did not ask to sign in, you can ignore this email: nobody can sign in without this link."
    >
      <Heading as="h1" style={emailText.heading}>
        Sign in to your privacy center
      </Heading>
      <Text style={emailText.paragraph}>
        Use the button below to sign in. The link works once and expires in {props.minutes} minutes.
      </Text>
      <EmailAction url={props.url} label="Sign in" />
    </EmailLayout>
  );
}
