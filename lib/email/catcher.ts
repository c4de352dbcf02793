// The built-in development mail catcher: a real SMTP server on loopback that
// stores every message in the CaughtMail table, read by /dev/mail and
// /api/dev/mail. Started by scripts/launch.ts when SMTP_URL is not set.
import "server-only";
import { simpleParser, type AddressObject } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((entry) => entry.text).join(", ");
}

export async function startMailCatcher(options: { databaseUrl: string; port: number; host?: string }) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on("error", () => {}); // idle connections closed at shutdown

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    banner: "privacy-portal dev mail catcher",
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        try {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) {
            const value = line.line
              .slice(line.line.indexOf(":") + 1)
              .replace(/\r?\n[ \t]+/g, " ")
              .trim();
            headers[line.key] = headers[line.key] ? `${headers[line.key]}, ${value}` : value;
          }
          const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          const to = envelopeTo.length ? envelopeTo.join(", ") : addressText(parsed.to).toLowerCase();
          await pool.query(
            `INSERT INTO "CaughtMail" (id, "to", "from", subject, date, text, html, headers, raw)
             VALUES (gen_random_uuid()::text, $1, $2, $3, now(), $4, $5, $6, $7)`,
            [
              to,
              addressText(parsed.from),
              parsed.subject ?? "",
              parsed.text ?? "",
              parsed.html || "",
              headers,
              raw.toString("utf8"),
            ],
          );
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${options.port}?tls=off`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
