// pg-boss (PostgreSQL-backed job queue) for the app processes that enqueue
// work. Workers (scripts/worker.ts) run the handlers in lib/jobs/registry.ts.
import PgBoss from "pg-boss";
import { env } from "../env";
import { log } from "../log";

const globalForBoss = globalThis as unknown as { __portalBoss?: Promise<PgBoss> };

export function createBoss(databaseUrl: string, options: { role: "app" | "worker" }) {
  return new PgBoss({
    connectionString: databaseUrl,
    max: options.role === "worker" ? 6 : 3,
    application_name: `privacy-portal-${options.role}`,
    // Only workers run pg-boss maintenance and cron; app instances just enqueue.
    supervise: options.role === "worker",
    schedule: options.role === "worker",
  });
}

/** The app-side queue client: started once per process, creating queues on demand. */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.__portalBoss ??= (async () => {
    const boss = createBoss(env().DATABASE_URL, { role: "app" });
    boss.on("error", (error) => log.error("job queue error", { error }));
    await boss.start();
    return boss;
  })();
  return globalForBoss.__portalBoss;
}

export async function enqueue(name: string, data: object, options: Parameters<PgBoss["send"]>[2] = {}) {
  const boss = await getBoss();
  await boss.createQueue(name);
  return boss.send(name, data, options);
}
