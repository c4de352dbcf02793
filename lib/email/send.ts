// Renders a React Email template to HTML and plain text and sends it.
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { env } from "../core/env";
import { getMailTransport } from "./transport";

export type OutgoingEmail = {
  to: string;
  subject: string;
  template: ReactElement;
  headers?: Record<string, string>;
};

export async function renderEmail(template: ReactElement) {
  const [html, text] = await Promise.all([render(template), render(template, { plainText: true })]);
  return { html, text };
}

export async function sendEmail(email: OutgoingEmail): Promise<{ messageId: string }> {
  const { html, text } = await renderEmail(email.template);
  const info = await getMailTransport().sendMail({
    from: env().MAIL_FROM,
    to: email.to,
    subject: email.subject,
    html,
    text,
    headers: email.headers,
  });
  return { messageId: info.messageId };
}
