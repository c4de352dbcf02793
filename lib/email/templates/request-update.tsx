// Transactional emails about privacy requests: one to the person at every step,
// and the privacy team's daily digest.
import { Heading, Text } from "@react-email/components";
import { EmailAction, EmailLayout, emailText } from "./layout";

export type RequestUpdate =
  | "RECEIVED"
  | "ACKNOWLEDGED"
  | "VERIFIED"
  | "IN_PROGRESS"
  | "EXTENDED"
  | "COMPLETED"
  | "DENIED"
  | "WITHDRAWN"
  | "MESSAGE"
  | "REMINDER";

const HEADINGS: Record<RequestUpdate, string> = {
  RECEIVED: "We received your request",
  ACKNOWLEDGED: "We are on it",
  VERIFIED: "Your identity is verified",
  IN_PROGRESS: "We are working on your request",
  EXTENDED: "We need more time",
  COMPLETED: "Your request is complete",
  DENIED: "We could not do what you asked",
  WITHDRAWN: "Your request is withdrawn",
  MESSAGE: "A message about your request",
  REMINDER: "We are waiting for your reply",
};

export function RequestUpdateEmail(props: {
  companyName: string;
  update: RequestUpdate;
  typeLabel: string;
  reference: string;
  dueDate: string;
  note: string | null;
  /** Null for an authorized agent's copy (the consumer follows the request; the agent gets the steps). */
  url: string | null;
  forAgent?: boolean;
}) {
  return (
    <EmailLayout
      preview={`${HEADINGS[props.update]}: ${props.typeLabel}`}
      companyName={props.companyName}
      footer="This is a legal notice about your privacy request; you cannot unsubscribe from it."
    >
      <Heading as="h1" style={emailText.heading}>
        {HEADINGS[props.update]}
      </Heading>
      <Text style={emailText.paragraph}>
        {props.forAgent ? "The request you filed for the consumer" : "Your request"}: <strong>{props.typeLabel}</strong>{" "}
        (reference {props.reference}).
        {props.update === "COMPLETED" || props.update === "DENIED" || props.update === "WITHDRAWN"
          ? ""
          : ` We will answer by ${props.dueDate}.`}
      </Text>
      {props.note ? <Text style={{ ...emailText.paragraph, whiteSpace: "pre-wrap" }}>{props.note}</Text> : null}
      {props.update === "REMINDER" ? (
        <Text style={emailText.paragraph}>Please reply on your request&apos;s page so that we can go on.</Text>
      ) : null}
      {props.forAgent && props.update === "COMPLETED" ? (
        <Text style={emailText.paragraph}>The results went to the consumer.</Text>
      ) : null}
      {props.url ? <EmailAction url={props.url} label="See your request" /> : null}
    </EmailLayout>
  );
}

export function RequestDigestEmail(props: {
  companyName: string;
  url: string;
  overdue: { reference: string; type: string; due: string }[];
  dueSoon: { reference: string; type: string; due: string }[];
}) {
  const list = (items: { reference: string; type: string; due: string }[]) =>
    items.map((item) => (
      <Text key={item.reference} style={{ ...emailText.paragraph, margin: "0 0 4px" }}>
        {item.reference} · {item.type} · due {item.due}
      </Text>
    ));
  return (
    <EmailLayout
      preview={`${props.overdue.length} overdue, ${props.dueSoon.length} due within 7 days`}
      companyName={props.companyName}
    >
      <Heading as="h1" style={emailText.heading}>
        Privacy requests: daily digest
      </Heading>
      <Heading as="h2" style={{ ...emailText.heading, fontSize: "17px" }}>
        Overdue ({props.overdue.length})
      </Heading>
      {props.overdue.length ? list(props.overdue) : <Text style={emailText.paragraph}>None.</Text>}
      <Heading as="h2" style={{ ...emailText.heading, fontSize: "17px" }}>
        Due within 7 days ({props.dueSoon.length})
      </Heading>
      {props.dueSoon.length ? list(props.dueSoon) : <Text style={emailText.paragraph}>None.</Text>}
      <EmailAction url={props.url} label="Open the queue" />
    </EmailLayout>
  );
}
