import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout, emailText } from "./layout";

export type PolicyChangeEmailProps = {
  companyName: string;
  policyTitle: string;
  version: number;
  summary: string;
  effectiveDate: string;
  diffUrl: string;
  policyUrl: string;
  isSubstantive: boolean;
  /** Rendered once per campaign; the sender substitutes each recipient's greeting. */
  greeting: string;
};

export function PolicyChangeEmail(props: PolicyChangeEmailProps) {
  return (
    <EmailLayout
      preview={`Our ${props.policyTitle} changes on ${props.effectiveDate}`}
      companyName={props.companyName}
      footer={
        props.isSubstantive
          ? `This is a service notice about a change to our ${props.policyTitle}. We send it to every account holder, whatever their email preferences.`
          : `You asked to hear about minor changes to our policies. You can turn these notices off on our policy pages.`
      }
    >
      <Heading as="h1" style={emailText.heading}>
        Our {props.policyTitle} is changing
      </Heading>
      <Text style={emailText.paragraph}>{props.greeting}</Text>
      <Text style={emailText.paragraph}>
        Version {props.version} of our {props.policyTitle} takes effect on <strong>{props.effectiveDate}</strong>. Here
        is what changes:
      </Text>
      <Text
        style={{ ...emailText.paragraph, whiteSpace: "pre-line", borderLeft: "3px solid #1d4ed8", paddingLeft: "12px" }}
      >
        {props.summary}
      </Text>
      <Button href={props.diffUrl} style={emailText.button}>
        See exactly what changed
      </Button>
      <Text style={{ ...emailText.muted, marginTop: "24px" }}>
        Read the full new version: <Link href={props.policyUrl}>{props.policyUrl}</Link>
      </Text>
    </EmailLayout>
  );
}
