// Loopback SMTP sink for bench/notices.ts: accepts everything, counts
// messages, keeps nothing. Runs in its own process so the sender's memory
// and CPU are measured alone. Prints "port N" then "count N" on request.
import { SMTPServer } from "smtp-server";

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      count += 1;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => {
  const address = server.server.address();
  process.stdout.write(`port ${typeof address === "object" && address ? address.port : 0}\n`);
});
process.stdin.on("data", (chunk) => {
  if (chunk.toString().includes("count")) process.stdout.write(`count ${count}\n`);
});
