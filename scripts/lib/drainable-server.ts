// A node:http server that can drain: it counts the requests in progress, and once
// draining (SIGTERM) it closes kept-alive connections after their answer, takes no
// new connections, and waits for the requests it holds. Used by the web server and
// the lean ingestion server.
import http from "node:http";
import { isDraining, markDraining } from "../../lib/core/lifecycle";

export function createDrainableServer(handler: http.RequestListener) {
  let active = 0;
  const server = http.createServer((request, response) => {
    active += 1;
    response.once("close", () => {
      active -= 1;
    });
    // While draining, a kept-alive connection carries its last request and closes.
    if (isDraining()) response.setHeader("connection", "close");
    handler(request, response);
  });
  // Longer than the idle timeout of the proxies and clients in front of us (60 s is common):
  // they close an idle kept-alive connection first, so a request they send on it is never
  // met by our close (Node's default is 5 s, and a request racing it gets ECONNRESET).
  server.keepAliveTimeout = 65_000;
  return {
    server,
    get active() {
      return active;
    },
    /**
     * Marks the process draining (/api/ready answers 503), stops taking connections and
     * waits until every request held is answered or `timeoutMs` has passed. Whatever hangs
     * after that (e.g. closing connections to a database that is gone), the process exits
     * 5 s later anyway.
     */
    async drain(timeoutMs: number) {
      markDraining();
      const deadline = Date.now() + timeoutMs;
      setTimeout(() => process.exit(1), timeoutMs + 5_000).unref();
      server.close();
      server.closeIdleConnections();
      while (active > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        server.closeIdleConnections();
      }
    },
  };
}
