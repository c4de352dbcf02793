import { Heading, Img, Link, Text } from "@react-email/components";
import { EmailLayout, emailText } from "./layout";

/**
 * A non-transactional email (newsletter, promotion, blog notification). The
 * footer always carries the visible unsubscribe link; the open-confirmation
 * pixel is rendered only when `pixelUrl` is given (the user allowed it).
 */
export function CategoryEmail(props: {
  companyName: string;
  preview: string;
  heading: string;
  paragraphs: string[];
  categoryLabel: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  pixelUrl: string | null;
}) {
  return (
    <EmailLayout
      preview={props.preview}
      companyName={props.companyName}
      footer={
        <>
          You get this email because you subscribed to {props.categoryLabel.toLowerCase()}.{" "}
          <Link href={props.unsubscribeUrl}>Unsubscribe from {props.categoryLabel.toLowerCase()}</Link> (no sign-in
          needed) or <Link href={props.preferencesUrl}>manage your email preferences</Link>.
        </>
      }
    >
      <Heading as="h1" style={emailText.heading}>
        {props.heading}
      </Heading>
      {props.paragraphs.map((paragraph, index) => (
        <Text key={index} style={emailText.paragraph}>
          {paragraph}
        </Text>
      ))}
      {props.pixelUrl ? (
        <Img src={props.pixelUrl} width="1" height="1" alt="" style={{ display: "block", border: 0 }} />
      ) : null}
    </EmailLayout>
  );
}
