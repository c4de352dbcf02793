import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const styles = {
  body: {
    backgroundColor: "#f4f5f7",
    fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    margin: 0,
    padding: "24px 0",
  },
  container: { backgroundColor: "#ffffff", borderRadius: "8px", margin: "0 auto", maxWidth: "560px", padding: "32px" },
  brand: {
    color: "#1e3a8a",
    fontSize: "14px",
    fontWeight: 700,
    letterSpacing: "0.04em",
    margin: "0 0 24px",
    textTransform: "uppercase" as const,
  },
  footer: { color: "#4b5563", fontSize: "12px", lineHeight: "18px", margin: 0 },
};

export function EmailLayout(props: { preview: string; companyName: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{props.companyName} · Privacy Center</Text>
          <Section>{props.children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "32px 0 16px" }} />
          <Text style={styles.footer}>
            {props.footer ?? `You received this email from the ${props.companyName} privacy center.`}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const emailText = {
  heading: { color: "#111827", fontSize: "22px", fontWeight: 700, lineHeight: "28px", margin: "0 0 16px" },
  paragraph: { color: "#1f2937", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  muted: { color: "#4b5563", fontSize: "13px", lineHeight: "20px", margin: "0 0 12px" },
  button: {
    backgroundColor: "#1d4ed8",
    borderRadius: "6px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
};

/** The email's main button, with the address spelled out for clients that hide buttons. */
export function EmailAction(props: { url: string; label: string }) {
  return (
    <>
      <Button href={props.url} style={emailText.button}>
        {props.label}
      </Button>
      <Text style={{ ...emailText.muted, marginTop: "24px" }}>
        Or paste this address into your browser: <Link href={props.url}>{props.url}</Link>
      </Text>
    </>
  );
}
