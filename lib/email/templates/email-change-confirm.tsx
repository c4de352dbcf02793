import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout, emailText } from "./layout";

export function EmailChangeConfirmEmail(props: { url: string; companyName: string; hours: number }) {
  return (
    <EmailLayout
      preview="Confirm your new email address"
      companyName={props.companyName}
      footer="If you did not ask to use this address, ignore this email: nothing changes unless the link is used."
    >
      <Heading as="h1" style={emailText.heading}>Confirm your new email address</Heading>
      <Text style={emailText.paragraph}>
        Someone signed in to the privacy center asked to use this address for their account. Confirm it to finish the change. The link works once and expires in {props.hours} hours.
      </Text>
      <Button href={props.url} style={emailText.button}>Confirm this address</Button>
      <Text style={{ ...emailText.muted, marginTop: "24px" }}>
        Or paste this address into your browser: <Link href={props.url}>{props.url}</Link>
      </Text>
    </EmailLayout>
  );
}
