// The notice compiled once per campaign (lib/notices/message.ts) must be the
// message nodemailer would compose for each recipient: the same subject, sender,
// recipient, Message-ID and headers, and exactly the personalised HTML and text,
// whatever the name holds (markup, "=", non-ASCII, line breaks, very long).
import fc from "fast-check";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import { createElement } from "react";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { renderEmail } from "../email/send";
import { PolicyChangeEmail } from "../email/templates/policy-change";
import { compileNoticeMessage, type CompiledNotice } from "./message";
import { noticeGreeting, renderCampaignNotice, type RenderedNotice } from "./render";

const MAIL_FROM = "Équipe Vie Privée <privacy@example.test>";
let rendered: RenderedNotice;
let compiled: CompiledNotice;

beforeAll(async () => {
  // The campaign's kind is all renderCampaignNotice reads itself.
  const pool = { query: async () => ({ rows: [{ kind: "POLICY", breachId: null }] }) } as unknown as pg.Pool;
  const policy = async (_pool: pg.Pool, _campaign: unknown, settings: { greeting: string }) => {
    const { html, text } = await renderEmail(
      createElement(PolicyChangeEmail, {
        companyName: "Prime Directive",
        policyTitle: "Politique de confidentialité",
        version: 3,
        summary: "We now keep server logs for 30 days instead of 90.\nNew processor: “Mailer & Co” (=EU=).",
        effectiveDate: "1 February 2027",
        diffUrl: "http://localhost:3000/policies/privacy/v/3/changes?from=2&to=3",
        policyUrl: "http://localhost:3000/policies/privacy/v/3",
        isSubstantive: true,
        greeting: settings.greeting,
      }),
    );
    return {
      subject: "Changes to our Politique de confidentialité (effective 1 February 2027) — please read",
      html,
      text,
    };
  };
  rendered = await renderCampaignNotice(
    pool,
    "c1",
    { appUrl: "http://localhost:3000", companyName: "Prime Directive" },
    { POLICY: policy, BREACH: policy },
  );
  compiled = compileNoticeMessage(rendered, { mailFrom: MAIL_FROM });
});

/** What nodemailer itself composes for the same recipient (as the sender did before). */
async function composedByNodemailer(id: string, email: string, name: string | null): Promise<ParsedMail> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const body = rendered.personalise(name);
  const info = await transport.sendMail({
    from: MAIL_FROM,
    to: email,
    subject: rendered.subject,
    html: body.html,
    text: body.text,
    messageId: `<notice-${id}@example.test>`,
    headers: { "X-Notice-Delivery": id, "Auto-Submitted": "auto-generated" },
  });
  return simpleParser(info.message as Buffer);
}

function compiledFor(id: string, email: string, name: string | null) {
  const message = compiled.build(
    { deliveryId: id, email, greeting: noticeGreeting(name) },
    `<notice-${id}@example.test>`,
    new Date("2026-12-07T12:00:00Z"),
  );
  if (!message) throw new Error("not compiled");
  return message;
}

/** Line breaks are CRLF on the wire whatever they were (SMTP), and a parser reads them as LF. */
const lf = (value: string | false | undefined) => (value || "").replace(/\r\n|\r/g, "\n");

async function expectSameMessage(id: string, email: string, name: string | null) {
  const message = compiledFor(id, email, name);
  expect(message.envelope).toEqual({ from: "privacy@example.test", to: [email] });
  // Valid as sent: CRLF only, no line over 78 characters (quoted-printable lines at most 76).
  expect(message.raw).not.toMatch(/[^\r]\n|\r[^\n]/);
  expect(Math.max(...message.raw.split("\r\n").map((line) => line.length))).toBeLessThanOrEqual(78);
  const [ours, theirs] = await Promise.all([simpleParser(message.raw), composedByNodemailer(id, email, name)]);
  const personal = rendered.personalise(name);
  expect(lf(ours.html)).toBe(lf(personal.html));
  expect(lf(ours.text)).toBe(lf(personal.text));
  expect(lf(ours.html)).toBe(lf(theirs.html));
  expect(lf(ours.text)).toBe(lf(theirs.text));
  expect(ours.subject).toBe(theirs.subject);
  expect(ours.from?.value).toEqual(theirs.from?.value);
  expect(ours.to).toEqual(theirs.to);
  expect(ours.messageId).toBe(theirs.messageId);
  for (const key of ["x-notice-delivery", "auto-submitted", "mime-version"])
    expect(ours.headers.get(key)).toEqual(theirs.headers.get(key));
}

describe("compiled notice message", () => {
  it("is the message nodemailer composes, for ordinary and awkward names", async () => {
    await expectSameMessage("cm1abc", "ann@example.test", "Ann Example");
    await expectSameMessage("cm2abc", "no-name@example.test", null);
    await expectSameMessage("cm3abc", "x+tag@example.test", `<script>alert("x")</script> & O'Brien`);
    await expectSameMessage("cm4abc", "z@example.test", "Zoë =?utf-8?Q?=3D?= Ünïcødé 🚀 =20 trailing   ");
    await expectSameMessage("cm5abc", "long@example.test", "Very ".repeat(60) + "Long\r\nName\nWith\rBreaks");
  });

  it("keeps any name's greeting exact (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.string({ unit: "binary", maxLength: 200 }), { nil: null }), async (name) => {
        const parsed = await simpleParser(compiledFor("cmprop", "p@example.test", name).raw);
        const personal = rendered.personalise(name);
        expect(lf(parsed.html)).toBe(lf(personal.html));
        expect(lf(parsed.text)).toBe(lf(personal.text));
      }),
      { numRuns: 150 },
    );
  });

  it("leaves addresses that need encoding to nodemailer", () => {
    const build = (email: string) =>
      compiled.build({ deliveryId: "cm6", email, greeting: "Hello," }, "<notice-cm6@example.test>", new Date());
    expect(build("jörg@example.test")).toBeNull();
    expect(build("a@bücher.example")).toBeNull();
    expect(build('"quoted local"@example.test')).toBeNull();
    expect(build("evil@example.test\r\nBcc: x@example.test")).toBeNull();
    expect(build("plain@example.test")).not.toBeNull();
  });
});
