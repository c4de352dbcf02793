// What the per-request CSP nonce costs: two production servers on the same
// benchmark database, one with CSP_NONCE=on (the default) and one with
// CSP_NONCE=off, answer the signed-in overview page (/account) in alternation;
// the ratio of their medians is the cost (target: under 1.10).
// `npm run build` first.
//   npm run tsx -- bench/csp.ts [--port 3013] [--repeat 60]
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";
import { TS_NODE_ARGS } from "../scripts/lib/node-args";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const port = Number(option("port", "3013"));
const repeat = Number(option("repeat", "60"));
const PATH = "/account";

const db = await getBenchDb(2000);
const token = randomBytes(24).toString("hex");
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await client.query(
  `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 hour')`,
  [`bench-${token.slice(0, 8)}`, token, db.aliceId],
);

function start(serverPort: number, nonce: "on" | "off"): ChildProcess {
  return spawn(process.execPath, [...TS_NODE_ARGS, "scripts/launch.ts", "demo"], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(serverPort),
      WORKER: "off",
      MAIL_CATCHER: "1",
      CSP_NONCE: nonce,
      APP_URL: `http://localhost:${serverPort}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function stopServers(running: Record<string, { child: ChildProcess }>) {
  for (const { child } of Object.values(running)) child.kill("SIGTERM");
  await Promise.all(
    Object.values(running).map(
      ({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve))),
    ),
  );
}

async function waitUp(base: string) {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${base} did not start`);
}

// Two rounds with fresh servers; the second swaps the ports, so neither setting always gets
// the process that happened to start first.
const times: Record<"on" | "off", number[]> = { on: [], off: [] };
let servers: Record<"on" | "off", { base: string; child: ChildProcess }> | null = null;
try {
  for (const round of [0, 1]) {
    const [portOn, portOff] = round === 0 ? [port, port + 1] : [port + 1, port];
    servers = {
      on: { base: `http://localhost:${portOn}`, child: start(portOn, "on") },
      off: { base: `http://localhost:${portOff}`, child: start(portOff, "off") },
    };
    await Promise.all([waitUp(servers.on.base), waitUp(servers.off.base)]);
    const headers = { cookie: `authjs.session-token=${token}` };
    const live = servers;
    async function once(kind: "on" | "off", record: boolean) {
      const started = performance.now();
      const response = await fetch(live[kind].base + PATH, { headers, redirect: "manual" });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`${kind}: status ${response.status}`);
      const policy = response.headers.get("content-security-policy");
      if (kind === "on" && !(policy?.includes("'nonce-") && body.includes("nonce=")))
        throw new Error("the nonce server sent no nonce");
      if (kind === "off" && policy) throw new Error("the baseline server sent a policy");
      if (record) times[kind].push(elapsed);
    }
    for (let index = 0; index < 10; index++) {
      await once("on", false);
      await once("off", false);
    }
    // Alternate which server goes first, so neither always meets a warmer cache.
    for (let index = 0; index < repeat; index++) {
      const order: ("on" | "off")[] = index % 2 ? ["on", "off"] : ["off", "on"];
      for (const kind of order) await once(kind, true);
    }
    await stopServers(servers);
    servers = null;
  }
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
  const median = (list: number[]) => sorted(list)[Math.floor(list.length / 2)];
  const p90 = (list: number[]) => sorted(list)[Math.floor(list.length * 0.9)];
  const mean = (list: number[]) => list.reduce((sum, value) => sum + value, 0) / list.length;
  console.log(`overview page ${PATH}, 2 rounds × ${repeat} alternating requests per server\n`);
  for (const kind of ["off", "on"] as const) {
    console.log(
      `CSP nonce ${kind.padEnd(3)}  median ${median(times[kind]).toFixed(1).padStart(6)} ms  mean ${mean(times[kind]).toFixed(1).padStart(6)} ms  p90 ${p90(times[kind]).toFixed(1).padStart(6)} ms`,
    );
  }
  const ratio = median(times.on) / median(times.off);
  console.log(
    `\nratio (median, nonce / no nonce): ${ratio.toFixed(3)}   mean ratio: ${(mean(times.on) / mean(times.off)).toFixed(3)}   target < 1.10: ${ratio < 1.1 ? "met" : "NOT met"}`,
  );
} finally {
  if (servers) await stopServers(servers);
  await client.query(`DELETE FROM "Session" WHERE "sessionToken" = $1`, [token]);
  await client.end();
  await stopBenchCluster();
}
