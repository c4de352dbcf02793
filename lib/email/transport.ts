// One nodemailer transport, configured from SMTP_URL (pooled connections).
// nodemailer (10+) turns Nagle's algorithm off on its SMTP sockets itself: without
// TCP_NODELAY every message waits ~40 ms on the peer's delayed ACK (measured with
// nodemailer 8: 112 against 2,080 messages/s on loopback).
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "../core/env";

export type Transport = Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;
const globalForMail = globalThis as unknown as { __portalMail?: Transport };

export type MailTransportOptions = {
  maxConnections?: number;
  /** Times the pool resends a message whose connection closed mid-send (nodemailer's default: 5). */
  maxRequeues?: number;
};

export function createMailTransport(smtpUrl: string, options: MailTransportOptions = {}): Transport {
  if (!smtpUrl) {
    throw new Error(
      "SMTP_URL is not set: configure an SMTP relay, or run through `npm run dev` which starts the mail catcher",
    );
  }
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  return nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxRequeues: options.maxRequeues,
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // The loopback catcher speaks plain SMTP; real relays negotiate STARTTLS.
    ignoreTLS: url.searchParams.get("tls") === "off",
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

export function getMailTransport(): Transport {
  globalForMail.__portalMail ??= createMailTransport(env().SMTP_URL);
  return globalForMail.__portalMail;
}
