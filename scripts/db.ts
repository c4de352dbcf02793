// Database commands: `migrate`, `diff <name>`, `reset`, `sql`.
//   npm run db:migrate           apply pending migrations
//   npm run db:diff -- add_thing write a new migration: what prisma/migrations lack to build prisma/schema.prisma
//   npm run db:sql               print prisma/schema.prisma as SQL for an empty database
//   npm run db:reset             drop the dev database, migrate and seed again
import fs from "node:fs";
import path from "node:path";
import { prepareDatabase } from "./lib/database";
import { startEmbeddedPostgres } from "./lib/embedded-pg";
import { diffMigrationsToSchema } from "./lib/schema-diff";
import { renderSchemaSql } from "./lib/schema-sql";
import { MIGRATIONS_DIR } from "../lib/core/migrate";

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === "migrate") {
    const db = await prepareDatabase("dev");
    await db.stop();
    return;
  }
  if (command === "reset") {
    const db = await prepareDatabase("dev", { reset: true });
    const { seedDatabase } = await import("../prisma/seed");
    await seedDatabase({ databaseUrl: db.url });
    await db.stop();
    return;
  }
  if (command === "sql") {
    process.stdout.write(renderSchemaSql(fs.readFileSync("prisma/schema.prisma", "utf8")));
    return;
  }
  if (command === "diff") {
    const name = args[0];
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:diff -- <snake_case_name>");
    // Scratch databases in the embedded dev cluster: nothing is read from or written to DATABASE_URL.
    const cluster = await startEmbeddedPostgres({ dataDir: ".data/pg", log: (line) => console.log(`[db] ${line}`) });
    try {
      const sql = await diffMigrationsToSchema({
        adminUrl: cluster.adminUrl(),
        schema: fs.readFileSync("prisma/schema.prisma", "utf8"),
      });
      if (!sql) {
        console.log("prisma/migrations already build prisma/schema.prisma: nothing to write");
        return;
      }
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
      console.log(
        `wrote ${path.relative(process.cwd(), dir)}/migration.sql: read it before you commit (data moves, renames and enum changes need a hand)`,
      );
    } finally {
      await cluster.stop();
    }
    return;
  }
  throw new Error(`unknown command: ${command ?? "(none)"}; use migrate, diff, reset or sql`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
