import { Heading, Text } from "@react-email/components";
import { formatNumber } from "../../core/format";
import { EmailAction, EmailLayout, emailText } from "./layout";

export function ExportReadyEmail(props: { url: string; companyName: string; expiresAt: string; rows: number }) {
  return (
    <EmailLayout
      preview="Your data export is ready to download"
      companyName={props.companyName}
      footer="You asked for a copy of your data in the privacy center. If you did not, sign in and review your account, and tell us."
    >
      <Heading as="h1" style={emailText.heading}>
        Your data export is ready
      </Heading>
      <Text style={emailText.paragraph}>
        The archive holds {formatNumber(props.rows)} records, one JSON and one CSV file per category, a summary you can
        read offline, and a manifest with checksums.
      </Text>
      <Text style={emailText.paragraph}>
        Sign in to download it. Only you can download it, and it will be deleted on {props.expiresAt}.
      </Text>
      <EmailAction url={props.url} label="Go to your data" />
    </EmailLayout>
  );
}
