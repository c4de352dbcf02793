// The breach notice: what happened, when, what data, what we did, what the
// person should do, and whom to contact (the contents US state laws and GDPR
// Art. 34 ask for). Rendered once per campaign; the sender fills in the greeting.
import { Heading, Text } from "@react-email/components";
import { EmailAction, EmailLayout, emailText } from "./layout";

export type BreachNoticeEmailProps = {
  companyName: string;
  title: string;
  whatHappened: string;
  when: string;
  discovered: string;
  dataInvolved: string;
  whatWeDid: string;
  whatToDo: string;
  contact: string;
  url: string;
  greeting: string;
};

const block = { ...emailText.paragraph, whiteSpace: "pre-line" as const };
const subheading = { ...emailText.heading, fontSize: "17px", margin: "8px 0 8px" };

export function BreachNoticeEmail(props: BreachNoticeEmailProps) {
  return (
    <EmailLayout
      preview={`Notice of a data breach: ${props.title}`}
      companyName={props.companyName}
      footer={`This is a legal notice about the security of your personal data. We send it to every affected person, whatever their email preferences.`}
    >
      <Heading as="h1" style={emailText.heading}>
        Notice of a data breach: {props.title}
      </Heading>
      <Text style={emailText.paragraph}>{props.greeting}</Text>
      <Text style={emailText.paragraph}>
        We are writing to tell you about a security incident that involved some of your personal data.
      </Text>
      <Heading as="h2" style={subheading}>
        What happened
      </Heading>
      <Text style={block}>{props.whatHappened}</Text>
      <Text style={emailText.paragraph}>
        When it happened: <strong>{props.when}</strong>. We discovered it on <strong>{props.discovered}</strong>.
      </Text>
      <Heading as="h2" style={subheading}>
        What information was involved
      </Heading>
      <Text style={block}>{props.dataInvolved}</Text>
      <Heading as="h2" style={subheading}>
        What we are doing
      </Heading>
      <Text style={block}>{props.whatWeDid}</Text>
      <Heading as="h2" style={subheading}>
        What you can do
      </Heading>
      <Text style={block}>{props.whatToDo}</Text>
      <Heading as="h2" style={subheading}>
        For more information
      </Heading>
      <Text style={block}>{props.contact}</Text>
      <EmailAction url={props.url} label="Read this notice in your privacy center" />
    </EmailLayout>
  );
}
