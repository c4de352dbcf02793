// Runs one erasure in a child process, slowly (small batches with a pause), and
// prints "batch <table> <n>" after each batch so a test can kill it midway.
import { runErasure } from "../../lib/erasure/engine";
import { disconnectDb } from "../../lib/core/db";

const erasureId = process.argv[2];
const outcome = await runErasure(erasureId, {
  batchSize: Number(process.env.ERASURE_BATCH ?? 200),
  onBatch: async (table, deleted) => {
    process.stdout.write(`batch ${table} ${deleted}\n`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  },
});
process.stdout.write(`finished ${outcome}\n`);
await disconnectDb();
