// The lean ingestion server (scripts/ingest-server.ts) as installs reach it: a
// report PostgreSQL cannot store is refused with 400 at validation, and costs the
// reports sent with it nothing (issue 17.3).
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TS_NODE_ARGS } from "../../scripts/lib/node-args";
import { hashInstallToken } from "../../lib/telemetry/ingest";
import { createTestDatabase } from "../setup/test-database";

let pool: pg.Pool;
let server: ChildProcess;
let base: string;
let output = "";
const installs = Array.from({ length: 52 }, (_, index) => `srv-${index}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const post = (installId: string, body: string) =>
  fetch(`${base}/api/telemetry`, {
    method: "POST",
    headers: { authorization: "Bearer token", "content-type": "application/json" },
    body,
  });

beforeAll(async () => {
  const url = await createTestDatabase("ingest_server", { migrate: true });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  await pool.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ('srv-user', 'srv@example.test', now())`);
  await pool.query(
    `INSERT INTO "Cluster" (id, "userId", name, "tokenHash") SELECT unnest($1::text[]), 'srv-user', 'install', $2`,
    [installs, hashInstallToken("token")],
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [...TS_NODE_ARGS, path.resolve("scripts/ingest-server.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: "ingest-server-test-secret-0123456789",
      INGEST_PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while ((await fetch(`${base}/health`).catch(() => null))?.status !== 200) {
    if (server.exitCode !== null || Date.now() > deadline)
      throw new Error(`the ingestion server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await pool?.end();
});

describe("ingestion server", () => {
  it("answers 400 to text PostgreSQL cannot store, and stores the 50 good reports sent at the same moment", async () => {
    const [nul, surrogate, ...good] = installs;
    const responses = await Promise.all([
      post(nul, JSON.stringify({ installId: nul, kind: "usage", data: { note: "a\u0000b" } })),
      post(surrogate, `{"installId":"${surrogate}","kind":"usage","data":{"note":"\\ud800"}}`),
      ...good
        .slice(0, 50)
        .map((id, index) => post(id, JSON.stringify({ installId: id, kind: "usage", data: { apps: index } }))),
    ]);
    const [nulResponse, surrogateResponse, ...goodResponses] = responses;
    expect(nulResponse.status, output).toBe(400);
    expect(await nulResponse.json()).toMatchObject({
      error: "invalid_report",
      reason: expect.stringMatching(/^data\.note: .*NUL character/),
    });
    expect(surrogateResponse.status).toBe(400);
    expect(await surrogateResponse.json()).toMatchObject({
      error: "invalid_report",
      reason: expect.stringMatching(/^data\.note: .*lone surrogate/),
    });
    expect(goodResponses.map((response) => response.status)).toEqual(Array(50).fill(202));
    const { rows } = await pool.query<{ count: string }>(
      `SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" = ANY($1::text[])`,
      [good],
    );
    expect(Number(rows[0].count)).toBe(50);
    const { rows: refused } = await pool.query<{ count: string }>(
      `SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" IN ($1, $2)`,
      [nul, surrogate],
    );
    expect(Number(refused[0].count)).toBe(0);
  });
});
