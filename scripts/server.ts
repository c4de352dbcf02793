// The web server: Next.js behind a plain node:http server that computes the
// client's address from the connection and TRUST_PROXY_HOPS (lib/auth/client-ip.ts)
// and passes it on in a header it always overwrites, so no client can choose the
// address that per-IP limits and audit rows see. Started by scripts/launch.ts.
//   PORT=3000 NODE_ENV=production tsx scripts/server.ts
import http from "node:http";
import next from "next";
import { CLIENT_IP_HEADER, clientIpFrom } from "../lib/auth/client-ip";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const dev = process.env.NODE_ENV !== "production";
const hops = Number(process.env.TRUST_PROXY_HOPS || 0);

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  request.headers[CLIENT_IP_HEADER] = clientIpFrom({ socketAddress: request.socket.remoteAddress, forwardedFor: request.headers["x-forwarded-for"], hops });
  void handle(request, response);
});
server.listen(port, hostname, () => console.log(`[server] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port} (trusting ${hops} proxy hop${hops === 1 ? "" : "s"})`));

const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
