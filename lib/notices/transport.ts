// The pooled SMTP transport used for notices, behind a small holder that can
// replace it. Two nodemailer pool behaviours we work around:
//  - a message whose connection closed before it was handed over (say, before
//    the greeting) is re-queued by the pool on a new connection, up to 5 times
//    by default; the notice sender owns retries instead (recorded, with
//    backoff), so the pool is created with maxRequeues: 0;
//  - after several concurrent connection failures (server down) the pool could
//    stop calling back at all (seen with nodemailer 8.0), so on a
//    connection-level error the sender swaps in a fresh pool, and sends still
//    waiting in the old one fail (temporary failure: retried with backoff)
//    instead of hanging.
import type Mail from "nodemailer/lib/mailer";
import { createMailTransport, type Transport } from "../email/transport";

export type NoticeTransport = {
  send: (mail: Mail.Options) => Promise<unknown>;
  /** Replace the pool after a connection-level failure. */
  reset: () => void;
  close: () => void;
};

function createPool(smtpUrl: string, maxConnections: number): Transport {
  return createMailTransport(smtpUrl, { maxConnections, maxRequeues: 0 });
}

export function createNoticeTransport(
  smtpUrl: string,
  maxConnections: number,
  options: { staleAfterMs?: number } = {},
): NoticeTransport {
  let current = createPool(smtpUrl, maxConnections);
  let generation = 0;
  let lastReset = 0;
  const pending = new Set<{ generation: number; reject: (error: Error) => void }>();
  return {
    send(mail) {
      return new Promise((resolve, reject) => {
        const entry = { generation, reject };
        pending.add(entry);
        current.sendMail(mail).then(
          (info) => {
            pending.delete(entry);
            resolve(info);
          },
          (error) => {
            pending.delete(entry);
            reject(error);
          },
        );
      });
    },
    reset() {
      // At most one swap per second, however many sends failed together.
      if (Date.now() - lastReset < 1000) return;
      lastReset = Date.now();
      const old = current;
      const oldGeneration = generation;
      generation += 1;
      current = createPool(smtpUrl, maxConnections);
      setTimeout(() => {
        for (const entry of pending) {
          if (entry.generation > oldGeneration) continue;
          pending.delete(entry);
          entry.reject(
            Object.assign(new Error("SMTP pool replaced after connection failures"), { code: "ESTALEPOOL" }),
          );
        }
        old.close();
      }, options.staleAfterMs ?? 2_000).unref();
    },
    close: () => current.close(),
  };
}
