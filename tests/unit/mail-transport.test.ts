// The shared SMTP transport must fail fast while the relay is down and work
// again once it is back (a stuck pool slot used to hang every later send).
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { createMailTransport } from "../../lib/email/transport";
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
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => transport.sendMail(mail(`down${n}@example.test`))));
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
});
