// The shared SMTP transport must fail fast while the relay is down and work
// again once it is back (a stuck pool slot used to hang every later send).
import net from "node:net";
import { SMTPServer } from "smtp-server";
import { describe, expect, it, vi } from "vitest";
import { createMailTransport } from "../../lib/email/transport";
import { createNoticeTransport } from "../../lib/notices/transport";
import { getFreePort } from "../../scripts/lib/embedded-pg";

function startSink(port: number, received: string[]) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        received.push(session.envelope.rcptTo.map((rcpt) => rcpt.address).join(","));
        callback();
      });
    },
  });
  return new Promise<SMTPServer>((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

describe("createMailTransport", () => {
  it("rejects sends while the server is down, then delivers when it is back", async () => {
    const port = await getFreePort();
    const transport = createMailTransport(`smtp://127.0.0.1:${port}?tls=off`, { maxConnections: 2 });
    const mail = (to: string) => ({ from: "a@example.test", to, subject: "hi", text: "hello" });
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => transport.sendMail(mail(`down${n}@example.test`))),
    );
    expect(results.every((result) => result.status === "rejected")).toBe(true);

    const received: string[] = [];
    const server = await startSink(port, received);
    try {
      await transport.sendMail(mail("up1@example.test"));
      await Promise.all([transport.sendMail(mail("up2@example.test")), transport.sendMail(mail("up3@example.test"))]);
      expect(received.sort()).toEqual(["up1@example.test", "up2@example.test", "up3@example.test"]);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 30_000);

  it("turns Nagle's algorithm off on its SMTP sockets (TCP_NODELAY)", async () => {
    // With Nagle on, each message waits ~40 ms for the relay's delayed ACK (measured:
    // 112 against 2,080 messages/s on loopback). nodemailer 10 sets it on its own sockets.
    const port = await getFreePort();
    const received: string[] = [];
    const server = await startSink(port, received);
    const noDelay = vi.spyOn(net.Socket.prototype, "setNoDelay");
    const transport = createMailTransport(`smtp://127.0.0.1:${port}?tls=off`, { maxConnections: 1 });
    try {
      await transport.sendMail({ from: "a@example.test", to: "nodelay@example.test", subject: "hi", text: "hello" });
      expect(received).toEqual(["nodelay@example.test"]);
      // setNoDelay() and setNoDelay(true) both turn it on.
      const onSmtpSocket = noDelay.mock.calls.filter(
        (_, i) => (noDelay.mock.contexts[i] as net.Socket).remotePort === port,
      );
      expect(onSmtpSocket.map(([enable]) => enable ?? true)).toContain(true);
      expect(onSmtpSocket.at(-1)?.[0] ?? true).toBe(true);
    } finally {
      noDelay.mockRestore();
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 30_000);
});

describe("createNoticeTransport", () => {
  it("fails a send whose connection the relay closed, without the pool retrying on its own (maxRequeues: 0)", async () => {
    // A relay that takes the TCP connection and closes it before the greeting. nodemailer's
    // pool would open up to 5 more connections for the message (its default maxRequeues);
    // the notice sender records the failure and retries with its own backoff instead.
    let connections = 0;
    const relay = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    const port = await getFreePort();
    await new Promise<void>((resolve) => relay.listen(port, "127.0.0.1", () => resolve()));
    const transport = createNoticeTransport(`smtp://127.0.0.1:${port}?tls=off`, 1);
    try {
      const error = await transport
        .send({ from: "a@example.test", to: "closed@example.test", subject: "hi", text: "hello" })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toMatchObject({ code: "ECONNECTION" });
      expect(connections).toBe(1);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  }, 30_000);
});
