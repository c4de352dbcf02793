import { Heading, Section, Text } from "@react-email/components";
import { formatDate, formatNumber } from "../../core/format";
import { EmailLayout, emailText } from "./layout";

type Counts = {
  categories: { slug: string; title: string; count: number; note?: string }[];
  exportArchives: number;
  total: number;
};

const whoAsked: Record<string, string> = {
  SELF: "You deleted your account in our privacy center.",
  PRIVACY_REQUEST: "Our privacy team completed your deletion request.",
  PARENT_REQUEST:
    "A parent asked us to remove a child's information, and our privacy team approved the request after checking it.",
};

const cell = { borderBottom: "1px solid #e5e7eb", color: "#1f2937", fontSize: "14px", padding: "6px 8px 6px 0" };

/** The deletion receipt: when, what was deleted per category, what is kept and why. */
export function ErasureReceiptEmail(props: {
  companyName: string;
  erasedAt: Date;
  counts: Counts;
  kept: { what: string; why: string; howLong: string }[];
  requestedBy: string;
}) {
  return (
    <EmailLayout
      preview="Your account and the data we held about you have been deleted"
      companyName={props.companyName}
      footer="This is the last email about your account. We keep no copy of this message's address: it was removed when this email was sent."
    >
      <Heading as="h1" style={emailText.heading}>
        Your data has been deleted
      </Heading>
      <Text style={emailText.paragraph}>
        {whoAsked[props.requestedBy] ?? whoAsked.SELF} On {formatDate(props.erasedAt, "longDateTime")} UTC we deleted
        your account and {formatNumber(props.counts.total)} records we held about you. This cannot be undone.
      </Text>
      <Section>
        <table
          cellPadding={0}
          cellSpacing={0}
          style={{ borderCollapse: "collapse", width: "100%", marginBottom: "16px" }}
        >
          <thead>
            <tr>
              <th align="left" style={{ ...cell, fontWeight: 600 }}>
                What
              </th>
              <th align="right" style={{ ...cell, fontWeight: 600 }}>
                Records deleted
              </th>
            </tr>
          </thead>
          <tbody>
            {props.counts.categories.map((category) => (
              <tr key={category.slug}>
                <td style={cell}>
                  {category.title}
                  {category.note ? ` (${category.note})` : ""}
                </td>
                <td align="right" style={cell}>
                  {formatNumber(category.count)}
                </td>
              </tr>
            ))}
            <tr>
              <td style={cell}>Download archives of your data</td>
              <td align="right" style={cell}>
                {formatNumber(props.counts.exportArchives)}
              </td>
            </tr>
          </tbody>
        </table>
      </Section>
      <Heading as="h2" style={{ ...emailText.heading, fontSize: "17px" }}>
        What we keep, and why
      </Heading>
      {props.kept.map((item) => (
        <Text key={item.what} style={emailText.paragraph}>
          <strong>{item.what}.</strong> {item.why}. Kept: {item.howLong.toLowerCase()}.
        </Text>
      ))}
      <Text style={emailText.muted}>
        You are welcome back at any time: signing in with this address creates a new, empty account.
      </Text>
    </EmailLayout>
  );
}
