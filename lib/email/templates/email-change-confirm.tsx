import { Heading, Text } from "@react-email/components";
import { EmailAction, EmailLayout, emailText } from "./layout";

export function EmailChangeConfirmEmail(props: { url: string; companyName: string; hours: number }) {
  return (
    <EmailLayout
      preview="Confirm your new email address"
      companyName={props.companyName}
      footer="If you did not ask to use this address, ignore this email: nothing changes unless the link is used."
    >
      <Heading as="h1" style={emailText.heading}>
        Confirm your new email address
      </Heading>
      <Text style={emailText.paragraph}>
        Someone signed in to the privacy center asked to use this address for their account. Confirm it to finish the
        change. The link works once and expires in {props.hours} hours.
      </Text>
      <EmailAction url={props.url} label="Confirm this address" />
    </EmailLayout>
  );
}
