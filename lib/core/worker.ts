// Starts pg-boss in worker mode and subscribes every job it is given (the
// worker's list is scripts/lib/jobs.ts). Several workers (and app instances)
// can share one database safely.
import { createBoss, ensureQueue, type JobDefinition } from "./queue";
import { log as appLog, withLogContext } from "./log";

export async function startWorker(options: {
  databaseUrl: string;
  jobs: JobDefinition[];
  log?: (line: string) => void;
}) {
  const { jobs } = options;
  const log = options.log ?? ((line: string) => appLog.info(`worker: ${line}`));
  const boss = createBoss(options.databaseUrl, { role: "worker" });
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  await boss.start();
  for (const job of jobs) {
    await ensureQueue(boss, job.name, job.queue ?? {});
    const instances = job.instances?.() ?? 1;
    for (let index = 0; index < instances; index++) {
      // Every line a handler logs carries the job's id and type.
      await boss.work(job.name, job.work ?? {}, async (batch) =>
        withLogContext({ job: job.name, jobId: batch.map((item) => item.id).join(",") }, async () => {
          try {
            for (const item of batch) item.data = job.payload.parse(item.data);
            return await job.handler(batch);
          } catch (error) {
            appLog.error("job failed", { error });
            throw error;
          }
        }),
      );
    }
    if (job.cron) await boss.schedule(job.name, job.cron);
  }
  log(`listening for ${jobs.length} job type${jobs.length === 1 ? "" : "s"}`);
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
