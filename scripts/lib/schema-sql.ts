// Turns a Prisma schema into PostgreSQL DDL with Prisma 6's WebAssembly schema
// engine (`prisma6` in devDependencies), the only Prisma migration tooling that
// runs without downloading a native engine. It needs a reachable database only
// to open its adapter connection; nothing is read from or written to it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const WORK_DIR = path.resolve(".data/prisma6");

/** Rewrites our Prisma 7 schema into the form the Prisma 6 CLI accepts. */
export function toPrisma6Schema(schema: string): string {
  return schema
    .replace(/generator\s+client\s*\{[^}]*\}/, 'generator client {\n  provider   = "prisma-client-js"\n  engineType = "client"\n}')
    .replace(/datasource\s+db\s*\{[^}]*\}/, 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}');
}

export function diffSchemas(options: { from: string | null; to: string; databaseUrl: string }): string {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const fake = path.join(WORK_DIR, "no-engine");
  fs.writeFileSync(fake, "");
  const toFile = path.join(WORK_DIR, "to.prisma");
  fs.writeFileSync(toFile, toPrisma6Schema(options.to));
  const args = ["migrate", "diff", "--to-schema-datamodel", toFile, "--script"];
  if (options.from === null) args.push("--from-empty");
  else {
    const fromFile = path.join(WORK_DIR, "from.prisma");
    fs.writeFileSync(fromFile, toPrisma6Schema(options.from));
    args.push("--from-schema-datamodel", fromFile);
  }
  const adapterPath = JSON.stringify(path.resolve("node_modules/@prisma/adapter-pg/dist/index.mjs"));
  fs.writeFileSync(
    path.join(WORK_DIR, "prisma.config.mjs"),
    `export default {
  experimental: { adapter: true },
  engine: "js",
  schema: ${JSON.stringify(toFile)},
  adapter: async () => {
    const { PrismaPg } = await import(${adapterPath});
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
};\n`,
  );
  const cli = path.resolve("node_modules/prisma6/build/index.js");
  const output = execFileSync(process.execPath, [cli, ...args, "--config", path.join(WORK_DIR, "prisma.config.mjs")], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PRISMA_SCHEMA_ENGINE_BINARY: fake,
      PRISMA_QUERY_ENGINE_LIBRARY: fake,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return output.replace(/^Loaded Prisma config.*\n/m, "").trim() + "\n";
}
