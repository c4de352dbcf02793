// Group commit (issue 20.1): a report reaching an idle writer starts a write at
// once (no timer), reports that arrive meanwhile form the next batch, and every
// add() resolves only once its batch committed; a killed connection answers 503
// for exactly the reports that were not stored.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import { hashInstallToken, type AcceptedReport } from "./ingest";
import { BatchWriter } from "./store";

const WRITER_APP = "telemetry-writer-under-test";
let url: string;
let pool: pg.Pool;
let observer: pg.Pool;

const report = (clusterId: string, seq: number): AcceptedReport => ({
  clusterId,
  kind: "usage",
  receivedAt: new Date().toISOString(),
  ip: null,
  payload: { seq },
});

async function storedSeqs(clusterId: string): Promise<number[]> {
  const { rows } = await observer.query<{ seq: number }>(
    `SELECT (payload->>'seq')::int AS seq FROM "TelemetryReport" WHERE "clusterId" = $1 ORDER BY 1`,
    [clusterId],
  );
  return rows.map((row) => row.seq);
}

function writerPool(max = 2) {
  const writers = new pg.Pool({ connectionString: url, max, application_name: WRITER_APP });
  writers.on("error", () => undefined); // an idle connection killed by the fault test
  return writers;
}

beforeAll(async () => {
  url = await createTestDatabase("group_commit", { migrate: true });
  pool = writerPool();
  // A separate connection: what it sees is committed.
  observer = new pg.Pool({ connectionString: url, max: 2 });
  await observer.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ('gc-user', 'gc@example.test', now())`);
  await observer.query(
    `INSERT INTO "Cluster" (id, "userId", name, "tokenHash")
     SELECT unnest(ARRAY['gc-visible', 'gc-many', 'gc-fault', 'gc-idle']), 'gc-user', 'install', $1`,
    [hashInstallToken("t")],
  );
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await pool?.end();
  await observer?.end();
});

const quiet = () => undefined;

/** How many reports a statement given to a fake pool carries (the first parameter holds one entry per report). */
function rowsOf(...args: unknown[]): number {
  const values = typeof args[0] === "string" ? args[1] : (args[0] as { values: unknown[] }).values;
  const first = (values as unknown[])[0];
  return Array.isArray(first) ? first.length : JSON.parse(first as string).length;
}

describe("telemetry group commit", () => {
  it("starts a write at once when the writer is idle, without waiting for a timer", async () => {
    const statements: unknown[] = [];
    const fake = {
      query: async (...args: unknown[]) => {
        statements.push(rowsOf(...args));
        return { rows: [] };
      },
    } as unknown as pg.Pool;
    vi.useFakeTimers(); // no timer can fire: only a write started at once lets add() resolve
    const writer = new BatchWriter({ pool: fake, batchSize: 100, maxPending: 1000, log: quiet });
    const added = writer.add(report("gc-idle", 1));
    expect(statements).toHaveLength(1);
    await expect(added).resolves.toBeUndefined();
  });

  it("reports arriving while a write runs form the next batch, started as soon as it commits", async () => {
    const batches: number[] = [];
    const commits: Array<() => void> = [];
    const fake = {
      query: (...args: unknown[]) => {
        batches.push(rowsOf(...args));
        return new Promise((resolve) => commits.push(() => resolve({ rows: [] })));
      },
    } as unknown as pg.Pool;
    const writer = new BatchWriter({ pool: fake, batchSize: 50, maxPending: 1000, concurrency: 1, log: quiet });
    const first = writer.add(report("gc-idle", 0));
    const rest = Array.from({ length: 120 }, (_, index) => writer.add(report("gc-idle", index + 1)));
    expect(batches).toEqual([1]);
    commits.shift()!();
    await first;
    // The 120 that waited go in batches of at most 50, one after the other.
    await vi.waitFor(() => expect(batches).toEqual([1, 50]));
    commits.shift()!();
    await vi.waitFor(() => expect(batches).toEqual([1, 50, 50]));
    commits.shift()!();
    await vi.waitFor(() => expect(batches).toEqual([1, 50, 50, 20]));
    commits.shift()!();
    await Promise.all(rest);
    expect(writer.pending).toBe(0);
  });

  it("resolves each add() only once its row is committed (visible to another connection)", async () => {
    const writer = new BatchWriter({ pool, batchSize: 20, maxPending: 10_000, log: quiet });
    const seen: boolean[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, seq) =>
        writer.add(report("gc-visible", seq)).then(async () => {
          const { rows } = await observer.query(
            `SELECT 1 FROM "TelemetryReport" WHERE "clusterId" = 'gc-visible' AND payload->>'seq' = $1`,
            [String(seq)],
          );
          seen[seq] = rows.length === 1;
        }),
      ),
    );
    expect(seen.filter(Boolean)).toHaveLength(200);
    await writer.drain({ close: true });
  });

  it("stores 1,000 concurrent reports exactly once each", async () => {
    const writer = new BatchWriter({ pool, batchSize: 100, maxPending: 10_000, log: quiet });
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, seq) => writer.add(report("gc-many", seq))),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1000);
    expect(await storedSeqs("gc-many")).toEqual(Array.from({ length: 1000 }, (_, seq) => seq));
    expect(writer.written).toBe(1000);
    await writer.drain({ close: true });
  });

  it("answers 503 for exactly the reports not stored when the writer's connection is killed mid-write", async () => {
    const writers = writerPool(2);
    const writer = new BatchWriter({ pool: writers, batchSize: 50, maxPending: 10_000, log: quiet });
    const outcomes: Array<Promise<"stored" | "refused">> = [];
    const send = (seq: number) => {
      try {
        outcomes[seq] = writer.add(report("gc-fault", seq)).then(
          () => "stored" as const,
          (error) => {
            expect(error).toMatchObject({ code: "UNAVAILABLE", reason: "TELEMETRY_STORE" });
            return "refused" as const;
          },
        );
      } catch (error) {
        expect(error).toMatchObject({ code: "UNAVAILABLE" });
        outcomes[seq] = Promise.resolve("refused");
      }
    };
    for (let seq = 0; seq < 100; seq++) send(seq);
    await Promise.all(outcomes);

    // Hold the table so the next writes block inside their INSERT, then kill the writer's connections.
    const locker = await observer.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`LOCK TABLE "TelemetryReport" IN SHARE ROW EXCLUSIVE MODE`);
      for (let seq = 100; seq < 400; seq++) send(seq);
      await vi.waitFor(
        async () => {
          const { rows } = await locker.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [WRITER_APP],
          );
          expect(rows[0].n).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 20 },
      );
      await locker.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
        WRITER_APP,
      ]);
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
    const settled = await Promise.all(outcomes);
    const stored = new Set(await storedSeqs("gc-fault"));
    const answeredStored = settled.flatMap((outcome, seq) => (outcome === "stored" ? [seq] : []));
    expect(settled.filter((outcome) => outcome === "refused").length).toBeGreaterThan(0);
    // 202 for exactly the stored rows (each once), 503 for exactly the others.
    expect([...stored].sort((a, b) => a - b)).toEqual(answeredStored);
    expect(await storedSeqs("gc-fault")).toHaveLength(stored.size);
    await writer.drain({ close: true });
    await writers.end();
  });
});
