// Emails of the legal-request register: the notice to a person whose data a
// legal request concerned, and the privacy team's reminder once a prohibition
// on telling them has ended.
import { Heading, Text } from "@react-email/components";
import { EmailAction, EmailLayout, emailText } from "./layout";

export function LegalRequestNoticeEmail(props: {
  companyName: string;
  authority: string;
  legalBasis: string;
  received: string;
  dataRequested: string;
  outcome: string;
  dataDisclosed: string;
  url: string;
}) {
  return (
    <EmailLayout
      preview={`A legal request concerned your data: ${props.outcome.toLowerCase()}`}
      companyName={props.companyName}
      footer="This is a legal notice about your personal data; you cannot unsubscribe from it."
    >
      <Heading as="h1" style={emailText.heading}>
        A legal request concerned your data
      </Heading>
      <Text style={emailText.paragraph}>
        On {props.received} we received a request for personal data about you from <strong>{props.authority}</strong> (
        {props.legalBasis}). We tell you about such requests unless the law forbids it.
      </Text>
      <Text style={{ ...emailText.paragraph, whiteSpace: "pre-line" }}>What was requested: {props.dataRequested}</Text>
      <Text style={emailText.paragraph}>
        Our decision: <strong>{props.outcome}</strong>.
      </Text>
      {props.dataDisclosed ? (
        <Text style={{ ...emailText.paragraph, whiteSpace: "pre-line" }}>What we disclosed: {props.dataDisclosed}</Text>
      ) : null}
      <Text style={emailText.paragraph}>
        You may wish to seek legal advice. You can reply to this email or contact our privacy team with any questions.
      </Text>
      <EmailAction url={props.url} label="See it in your privacy center" />
    </EmailLayout>
  );
}

export function LegalReminderEmail(props: {
  companyName: string;
  url: string;
  items: { reference: string; authority: string; ended: string }[];
}) {
  return (
    <EmailLayout
      preview={`${props.items.length} legal request${props.items.length === 1 ? "" : "s"}: the people concerned can now be told`}
      companyName={props.companyName}
    >
      <Heading as="h1" style={emailText.heading}>
        Legal requests: tell the people concerned
      </Heading>
      <Text style={emailText.paragraph}>
        The prohibition on telling the people concerned has ended for these requests, and they have not been told yet.
        We remind you every day until they are.
      </Text>
      {props.items.map((item) => (
        <Text key={item.reference} style={{ ...emailText.paragraph, margin: "0 0 4px" }}>
          {item.reference} · {item.authority} · prohibition ended {item.ended}
        </Text>
      ))}
      <EmailAction url={props.url} label="Open the register" />
    </EmailLayout>
  );
}
