// Emails to a parent who asked us to remove a child's information. None of them
// says whether an account was found before the privacy team has decided, so the
// same form cannot be used to learn whether someone has an account.
import { Heading, Text } from "@react-email/components";
import { formatNumber } from "../../core/format";
import { EmailAction, EmailLayout, emailText } from "./layout";

const footer =
  "You received this because someone used our “Remove my child's information” form with this address. If it was not you, ignore this email: nothing happens unless the link is used.";

export function ParentConfirmEmail(props: { companyName: string; url: string; hours: number }) {
  return (
    <EmailLayout
      preview="Confirm your request to remove your child's information"
      companyName={props.companyName}
      footer={footer}
    >
      <Heading as="h1" style={emailText.heading}>
        Confirm your request
      </Heading>
      <Text style={emailText.paragraph}>
        We received a request to remove a child&apos;s personal information. To make sure it came from you, please
        confirm your email address. Nothing happens until you do.
      </Text>
      <EmailAction url={props.url} label="Confirm my request" />
      <Text style={emailText.muted}>
        The link works once, for {props.hours} hours. Unconfirmed requests are deleted after 7 days.
      </Text>
    </EmailLayout>
  );
}

export function ParentReceivedEmail(props: { companyName: string; statusUrl: string }) {
  return (
    <EmailLayout
      preview="Your request is with our privacy team"
      companyName={props.companyName}
      footer="Keep this email: its link is the only way to follow your request."
    >
      <Heading as="h1" style={emailText.heading}>
        Thank you: your request is confirmed
      </Heading>
      <Text style={emailText.paragraph}>
        Our privacy team will now review it. While they do, we stop using any information we hold under the details you
        gave: no marketing email, no usage statistics, nothing new collected.
      </Text>
      <Text style={emailText.paragraph}>
        Before we delete anything, we must check that you are the child&apos;s parent or guardian; we may contact you
        for that. We aim to decide within 10 business days.
      </Text>
      <EmailAction url={props.statusUrl} label="Follow your request" />
    </EmailLayout>
  );
}

export function ParentReviewReadyEmail(props: { companyName: string; statusUrl: string; deadline: string }) {
  return (
    <EmailLayout preview="The information is ready for you to review" companyName={props.companyName}>
      <Heading as="h1" style={emailText.heading}>
        Ready for your review
      </Heading>
      <Text style={emailText.paragraph}>
        You can now download the information we held about the child from your request&apos;s page. Each download link
        works once. When you have looked at it, confirm the deletion on the same page; if you do not, we delete
        everything on {props.deadline}.
      </Text>
      <EmailAction url={props.statusUrl} label="Review and confirm" />
    </EmailLayout>
  );
}

export function ParentDecisionEmail(props: {
  companyName: string;
  statusUrl: string;
  approved: boolean;
  reviewFirst: boolean;
  reason: string | null;
  reviewDays: number;
}) {
  return (
    <EmailLayout
      preview={props.approved ? "Your request was approved" : "A decision on your request"}
      companyName={props.companyName}
    >
      <Heading as="h1" style={emailText.heading}>
        {props.approved ? "Your request was approved" : "We could not approve your request"}
      </Heading>
      {props.approved ? (
        <Text style={emailText.paragraph}>
          {props.reviewFirst
            ? `As you asked, you can first review the information we held. When it is ready, download it from your request's page (each link works once), then confirm the deletion there. If you do not, we delete it ${props.reviewDays} days after it is ready.`
            : "We are deleting the child's information now. We will email you when it is done, with what was removed."}
        </Text>
      ) : (
        <Text style={emailText.paragraph}>{props.reason}</Text>
      )}
      <EmailAction url={props.statusUrl} label="See your request" />
    </EmailLayout>
  );
}

export function ParentCompletedEmail(props: {
  companyName: string;
  categories: { title: string; count: number }[];
  total: number;
}) {
  return (
    <EmailLayout preview="The child's information has been deleted" companyName={props.companyName}>
      <Heading as="h1" style={emailText.heading}>
        Done: the information has been deleted
      </Heading>
      <Text style={emailText.paragraph}>
        We deleted {formatNumber(props.total)} records. By category (counts only; we no longer have the data):
      </Text>
      {props.categories.map((category) => (
        <Text key={category.title} style={{ ...emailText.paragraph, margin: "0 0 4px" }}>
          {category.title}: {formatNumber(category.count)}
        </Text>
      ))}
      <Text style={{ ...emailText.muted, marginTop: "16px" }}>
        We keep a record that your request was received and completed, without the child&apos;s details, as the law
        requires. The link in our earlier email still shows your request.
      </Text>
    </EmailLayout>
  );
}
