// A campaign's notice as a MIME message compiled ONCE, so each recipient's
// message is a few string joins rather than a nodemailer composition (MIME tree,
// quoted-printable encoding and line wrapping of the whole HTML, per message: the
// largest cost of the fan-out after the SMTP round trips). The message is what
// nodemailer would build: the same header encoders (MimeNode.encodeHeaderValue,
// foldLines) and quoted-printable encoder (qp.encode / qp.wrap), applied once to
// the parts every recipient shares. The greeting is encoded on its own and joined
// to its neighbours with soft line breaks ("=" CRLF decodes to nothing), so the
// decoded text is exactly before + greeting + after. A recipient whose address
// needs encoding (non-ASCII, quoted local part) gets null: the sender lets
// nodemailer compose that one message the usual way.
import "server-only";
import { randomBytes } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser";
import { foldLines } from "nodemailer/lib/mime-funcs";
import MimeNode from "nodemailer/lib/mime-node";
import { encode as qpEncode, wrap as qpWrap } from "nodemailer/lib/qp";
import { escapeHtml } from "../core/html";

export type NoticeParts = {
  subject: string;
  /** The HTML and plain text either side of the recipient's greeting. */
  html: [before: string, after: string];
  text: [before: string, after: string];
};

export type NoticeRecipient = { deliveryId: string; email: string; greeting: string };
export type RawNotice = { envelope: { from: string; to: string[] }; raw: string };

/** Addresses that go into To and the envelope as they are (ASCII, no quoting, no comments). */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
/** Delivery ids are cuids; anything else is not put in a header unencoded. */
const PLAIN_TOKEN = /^[A-Za-z0-9_-]+$/;

const CRLF = "\r\n";
const SOFT_BREAK = "=\r\n";

const crlf = (value: string) => value.replace(/\r\n|\r|\n/g, CRLF);
/** Quoted-printable lines of at most 75 characters, so a soft break can follow the last one. */
const qpOpen = (value: string) => qpWrap(qpEncode(crlf(value)), 75) + SOFT_BREAK;
const qpClose = (value: string) => qpWrap(qpEncode(crlf(value)), 76);
const header = (key: string, value: string) => foldLines(`${key}: ${MimeNode.encodeHeaderValue(key, value)}`, 76);

export type CompiledNotice = {
  /** The message for one recipient, or null when its address needs nodemailer's own encoding. */
  build(recipient: NoticeRecipient, messageId: string, date: Date): RawNotice | null;
};

export function compileNoticeMessage(parts: NoticeParts, options: { mailFrom: string }): CompiledNotice {
  const from = addressparser(options.mailFrom, { flatten: true })[0]?.address;
  if (!from) throw new Error("MAIL_FROM has no address");
  const boundary = `--_NoticePart_${randomBytes(12).toString("hex")}`;
  const head = [
    header("From", options.mailFrom),
    header("Subject", parts.subject),
    header("Auto-Submitted", "auto-generated"),
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`,
  ].join(CRLF);
  const partHead = (type: string) =>
    `--${boundary}${CRLF}Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`;
  const textOpen = partHead("text/plain") + qpOpen(parts.text[0]);
  const textClose = qpClose(parts.text[1]) + CRLF + partHead("text/html") + qpOpen(parts.html[0]);
  const htmlClose = qpClose(parts.html[1]) + `${CRLF}--${boundary}--${CRLF}`;

  return {
    build({ deliveryId, email, greeting }, messageId, date) {
      if (!PLAIN_ADDRESS.test(email) || !PLAIN_TOKEN.test(deliveryId) || !/^<[\x21-\x7e]+>$/.test(messageId))
        return null;
      const raw =
        `To: ${email}${CRLF}Message-ID: ${messageId}${CRLF}Date: ${date.toUTCString().replace(/GMT/, "+0000")}${CRLF}` +
        `X-Notice-Delivery: ${deliveryId}${CRLF}${head}${CRLF}${CRLF}` +
        textOpen +
        qpOpen(greeting) +
        textClose +
        qpOpen(escapeHtml(greeting)) +
        htmlClose;
      return { envelope: { from, to: [email] }, raw };
    },
  };
}
