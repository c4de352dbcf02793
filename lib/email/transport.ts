// One nodemailer transport, configured from SMTP_URL (pooled connections).
import net from "node:net";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "../env";

export type Transport = nodemailer.Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;
const globalForMail = globalThis as unknown as { __portalMail?: Transport };

export function createMailTransport(smtpUrl: string, options: { maxConnections?: number } = {}): Transport {
  if (!smtpUrl) {
    throw new Error("SMTP_URL is not set: configure an SMTP relay, or run through `npm run dev` which starts the mail catcher");
  }
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transportOptions: SMTPPool.Options = {
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // The loopback catcher speaks plain SMTP; real relays negotiate STARTTLS.
    ignoreTLS: url.searchParams.get("tls") === "off",
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Plain-text sockets get TCP_NODELAY: without it every message waits ~40 ms
    // on Nagle's algorithm and the peer's delayed ACK (see STACK.md).
    getSocket: secure
      ? undefined
      : (_options, callback) => {
          const socket = net.connect({ host: url.hostname, port: Number(url.port || 587), noDelay: true });
          socket.once("connect", () => callback(null, { connection: socket }));
          socket.once("error", (error) => callback(error, undefined as never));
        },
  };
  return nodemailer.createTransport(transportOptions);
}

export function getMailTransport(): Transport {
  globalForMail.__portalMail ??= createMailTransport(env().SMTP_URL);
  return globalForMail.__portalMail;
}
