// A real SMTP server (smtp-server) under the test's control: it can answer
// 4xx/5xx per recipient, drop the connection in the middle of a message, go
// down and come back on the same port, and it counts what it accepted.
// Like a receiving mail system it keeps one copy per Message-ID: a resend of a
// message it already accepted (a worker that died before recording the send)
// is answered 250 and counted in `resends`, not delivered twice.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export type FaultPlan = {
  /** Reply to RCPT TO with this code for this recipient on this attempt (1-based), or null to accept. */
  rcptReply?: (recipient: string, attempt: number) => number | null;
  /** Drop the TCP connection halfway through the message data. */
  dropMidMessage?: (recipient: string, attempt: number) => boolean;
};

export type Harness = {
  port: number;
  url: string;
  /** Delivered (kept) messages per recipient, by Message-ID. */
  delivered: Map<string, Set<string>>;
  /** 250 replies to DATA per recipient, resends included. */
  acceptedReplies: Map<string, number>;
  resends: number;
  attempts: Map<string, number>;
  drops: number;
  tempFailures: number;
  totalDelivered: () => number;
  setPlan: (plan: FaultPlan) => void;
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startSmtpHarness(initialPlan: FaultPlan = {}): Promise<Harness> {
  let plan = initialPlan;
  let server: SMTPServer | null = null;
  let port = 0;
  const delivered = new Map<string, Set<string>>();
  const acceptedReplies = new Map<string, number>();
  const attempts = new Map<string, number>();
  const seenIds = new Set<string>();
  const harness = { resends: 0, drops: 0, tempFailures: 0 };

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      maxClients: 100,
      closeTimeout: 200,
      onRcptTo(address, session: SMTPServerSession & { attempt?: number }, callback) {
        const recipient = address.address.toLowerCase();
        const attempt = (attempts.get(recipient) ?? 0) + 1;
        attempts.set(recipient, attempt);
        session.attempt = attempt;
        const code = plan.rcptReply?.(recipient, attempt) ?? null;
        if (code) {
          if (code < 500) harness.tempFailures += 1;
          return callback(
            Object.assign(new Error(code < 500 ? "Mailbox busy, try again later" : "No such user here"), {
              responseCode: code,
            }),
          );
        }
        callback();
      },
      onData(stream, session: SMTPServerSession & { attempt?: number }, callback) {
        const recipient = session.envelope.rcptTo[0]?.address.toLowerCase() ?? "";
        const drop = plan.dropMidMessage?.(recipient, session.attempt ?? 1) ?? false;
        const chunks: Buffer[] = [];
        let size = 0;
        let dropped = false;
        stream.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (drop && !dropped && size > 200) {
            dropped = true;
            harness.drops += 1;
            if (process.env.DEBUG_FAULT) console.log("[drop]", recipient, session.attempt, session.id);
            const connection = [
              ...((server as unknown as { connections: Set<{ id: string; _socket: { destroy: () => void } }> })
                .connections ?? []),
            ].find((c) => c.id === session.id);
            connection?._socket.destroy();
          }
        });
        stream.on("end", () => {
          if (drop) return;
          const raw = Buffer.concat(chunks).toString("utf8");
          const messageId = /^message-id:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? `none-${Math.random()}`;
          acceptedReplies.set(recipient, (acceptedReplies.get(recipient) ?? 0) + 1);
          if (seenIds.has(messageId)) {
            harness.resends += 1;
          } else {
            seenIds.add(messageId);
            const set = delivered.get(recipient) ?? new Set<string>();
            set.add(messageId);
            delivered.set(recipient, set);
          }
          callback();
        });
      },
    });

  const listen = async () => {
    server = create();
    server.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, "127.0.0.1", () => resolve());
    });
    port = (server!.server.address() as AddressInfo).port;
  };
  const stop = async () => {
    if (!server) return;
    const current = server;
    server = null;
    for (const connection of (current as unknown as { connections: Set<{ _socket: { destroy: () => void } }> })
      .connections ?? [])
      connection._socket.destroy();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}?tls=off`;
    },
    delivered,
    acceptedReplies,
    attempts,
    get resends() {
      return harness.resends;
    },
    get drops() {
      return harness.drops;
    },
    get tempFailures() {
      return harness.tempFailures;
    },
    totalDelivered: () => [...delivered.values()].reduce((sum, set) => sum + set.size, 0),
    setPlan: (next) => {
      plan = next;
    },
    down: stop,
    up: listen,
    close: stop,
  } as Harness;
}
