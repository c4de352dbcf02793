// pg-boss (PostgreSQL-backed job queue) for the app processes that enqueue
// work. Each domain defines its jobs (lib/<domain>/jobs.ts); the worker
// (scripts/worker.ts) runs those scripts/lib/jobs.ts lists.
import PgBoss from "pg-boss";
import type { z } from "zod";
import { env } from "./env";
import { log } from "./log";

/** A background job: its queue name, payload, handler, optional cron schedule and pg-boss options. */
export type JobDefinition<T = unknown> = {
  name: string;
  /** The shape of a job's data; the worker checks each job against it before the handler runs. */
  payload: z.ZodType<T>;
  /** Handles one batch of jobs (pg-boss v10 hands handlers an array). */
  handler(jobs: PgBoss.Job<T>[]): Promise<unknown>;
  cron?: string;
  queue?: Omit<PgBoss.Queue, "name">;
  work?: PgBoss.WorkOptions;
  /** Jobs of this queue one worker runs at once (one pg-boss work() loop each); default 1. */
  instances?: () => number;
};

/** Types a job's handler by its payload schema (scheduled jobs, whose data handlers ignore, use z.unknown()). */
export function defineJob<T>(definition: JobDefinition<T>): JobDefinition {
  return definition as JobDefinition;
}

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
