// npm run worker: a background worker process (needs DATABASE_URL; the dev and
// start launchers run one for you).
import { startWorker } from "../lib/core/worker";
import { log } from "../lib/core/log";
import { jobs } from "./lib/jobs";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  log.error("worker: DATABASE_URL is not set");
  process.exit(1);
}
const worker = await startWorker({ databaseUrl, jobs });
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop().catch(() => {});
    process.exit(0);
  });
}
