// Baseline for bench/ingest.ts: a bare node:http server that reads the body,
// parses the same JSON and answers 204. Nothing else.
import http from "node:http";

const port = Number(process.argv[2] ?? 0);
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
      response.writeHead(204).end();
    } catch {
      response.writeHead(400).end();
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`[baseline] listening on ${typeof address === "object" && address ? address.port : port}`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
