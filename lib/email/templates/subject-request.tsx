// Emails about a privacy request filed without an account (by the person or by an agent).
// None of them says whether we hold anything about the address before it is confirmed,
// so the form cannot be used to learn whether someone is on one of our lists.
import { Heading, Text } from "@react-email/components";
import { EmailAction, EmailLayout, emailText } from "./layout";

const footer =
  "You received this because someone used our privacy request form with this address. If it was not you or someone you asked, ignore this email: nothing happens unless the link is used.";

export function SubjectConfirmEmail(props: {
  companyName: string;
  url: string;
  hours: number;
  typeLabel: string;
  agentName: string | null;
}) {
  return (
    <EmailLayout preview="Confirm your privacy request" companyName={props.companyName} footer={footer}>
      <Heading as="h1" style={emailText.heading}>
        Confirm your privacy request
      </Heading>
      <Text style={emailText.paragraph}>
        {props.agentName
          ? `${props.agentName} asked us, as your authorized agent, for: `
          : "We received a privacy request for this address: "}
        <strong>{props.typeLabel}</strong>.
      </Text>
      <Text style={emailText.paragraph}>
        To make sure it is really you, please confirm your email address. Nothing is looked up, shown or deleted until
        you do{props.agentName ? ", and the results come to you, not to the agent" : ""}.
      </Text>
      <EmailAction url={props.url} label="Confirm my request" />
      <Text style={emailText.muted}>
        The link works once, for {props.hours} hours. After confirming you get a private link to follow the request.
      </Text>
    </EmailLayout>
  );
}

export function SubjectAgentReceivedEmail(props: {
  companyName: string;
  typeLabel: string;
  reference: string;
  hours: number;
}) {
  return (
    <EmailLayout
      preview="The request you filed is waiting for the consumer's confirmation"
      companyName={props.companyName}
      footer="You received this because you filed a privacy request for someone else as their authorized agent."
    >
      <Heading as="h1" style={emailText.heading}>
        We received your request
      </Heading>
      <Text style={emailText.paragraph}>
        Your request for the consumer: <strong>{props.typeLabel}</strong> (reference {props.reference}).
      </Text>
      <Text style={emailText.paragraph}>
        The law asks the consumer to confirm their own identity (11 CCR 7063(a)). We emailed them a link that works for{" "}
        {props.hours} hours. We will email you as the request moves on; the results go to the consumer.
      </Text>
    </EmailLayout>
  );
}
