// pg-boss (PostgreSQL-backed job queue) for the app processes that enqueue
// work. Workers (scripts/worker.ts) run the handlers in lib/jobs/registry.ts.
import PgBoss from "pg-boss";
import { env } from "./env";
import { log } from "./log";

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

const TRANSIENT = new Set(["40P01", "40001", "23505"]); // deadlock, serialization failure, duplicate (a racing creator won)

/**
 * Creates a queue if it does not exist. Several workers starting together on a new
 * database race in pg-boss's queue creation (partition DDL) and can deadlock; the
 * loser retries after a short random pause and then finds the queue there.
 */
export async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, "name"> = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1 && (await boss.getQueue(name))) return;
      await boss.createQueue(name, { name, ...options } as PgBoss.Queue);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      const transient = TRANSIENT.has(code) || /deadlock|already exists/i.test((error as Error).message);
      if (!transient || attempt >= 6) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 200));
    }
  }
}

const ensured = new Set<string>();

export async function enqueue(name: string, data: object, options: Parameters<PgBoss["send"]>[2] = {}) {
  const boss = await getBoss();
  if (!ensured.has(name)) {
    await ensureQueue(boss, name);
    ensured.add(name);
  }
  return boss.send(name, data, options);
}
