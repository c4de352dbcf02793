import { Heading, Link, Text } from "@react-email/components";
import { formatDate } from "../../core/format";
import { EmailLayout, emailText } from "./layout";

/** A change to an admin's second factor, told to the admin (transactional: always sent, no unsubscribe). */
export type SecondFactorEvent =
  | { kind: "enrolled"; method: "passkey" | "totp" }
  | { kind: "added"; method: "passkey" | "totp" }
  | { kind: "replaced"; method: "totp" }
  | { kind: "removed"; method: "passkey" | "totp" }
  | { kind: "recovery_used"; left: number }
  | { kind: "recovery_regenerated" }
  /** To the admin whose factors were reset: by another admin (their address), or from the command line (null). */
  | { kind: "reset"; by: string | null }
  /** To the admin who reset someone else's factors. */
  | { kind: "reset_by_you"; target: string };

const factor = (method: "passkey" | "totp") => (method === "passkey" ? "A passkey" : "An authenticator app");

export function secondFactorSubject(event: SecondFactorEvent): string {
  switch (event.kind) {
    case "enrolled":
      return "Your second factor was set up for the admin area";
    case "added":
      return `${factor(event.method)} was added to your admin account`;
    case "replaced":
      return "Your authenticator app was replaced";
    case "removed":
      return event.method === "passkey"
        ? "A passkey was removed from your admin account"
        : "Your authenticator app was removed from your admin account";
    case "recovery_used":
      return "A recovery code was used for your admin account";
    case "recovery_regenerated":
      return "New recovery codes were made for your admin account";
    case "reset":
      return "Your admin second factor was reset";
    case "reset_by_you":
      return "You reset the second factor of another admin";
  }
}

function whatHappened(event: SecondFactorEvent): string {
  switch (event.kind) {
    case "enrolled":
      return `${factor(event.method)} now protects your access to the admin area, and 10 recovery codes were made for it.`;
    case "added":
      return `${factor(event.method)} can now be used as your second factor for the admin area.`;
    case "replaced":
      return "A new authenticator app now gives your codes for the admin area; codes from the previous one no longer work.";
    case "removed":
      return event.method === "passkey"
        ? "That passkey can no longer be used for the admin area."
        : "Codes from your authenticator app no longer work for the admin area.";
    case "recovery_used":
      return `A recovery code was used instead of your passkey or authenticator app to open the admin area. You have ${event.left} recovery code${event.left === 1 ? "" : "s"} left.`;
    case "recovery_regenerated":
      return "A new set of 10 recovery codes was made; the previous codes no longer work.";
    case "reset":
      return event.by
        ? `${event.by} removed every passkey, authenticator app and recovery code from your admin account. The next time you open the admin area you will set up a new second factor.`
        : "Every passkey, authenticator app and recovery code was removed from your admin account from the server's command line. The next time you open the admin area you will set up a new second factor.";
    case "reset_by_you":
      return `You removed every passkey, authenticator app and recovery code of ${event.target}. They have been emailed, and will set up a new second factor the next time they open the admin area.`;
  }
}

export function SecondFactorChangedEmail(props: {
  companyName: string;
  event: SecondFactorEvent;
  at: Date;
  securityUrl: string;
}) {
  const subject = secondFactorSubject(props.event);
  const when = formatDate(props.at, "timestamp");
  return (
    <EmailLayout preview={subject} companyName={props.companyName}>
      <Heading as="h1" style={emailText.heading}>
        {subject}
      </Heading>
      <Text style={emailText.paragraph}>{whatHappened(props.event)}</Text>
      <Text style={emailText.muted}>When: {when}</Text>
      {props.event.kind === "reset_by_you" ? null : (
        <Text style={emailText.paragraph}>
          If this was not you, someone may have access to your email: tell the privacy team at once so another admin can
          reset your second factor, and secure your mailbox. Review your second factor at{" "}
          <Link href={props.securityUrl}>{props.securityUrl}</Link>.
        </Text>
      )}
    </EmailLayout>
  );
}
