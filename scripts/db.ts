// Database commands: `migrate`, `diff <name>`, `reset`, `sql`.
//   npm run db:migrate           apply pending migrations
//   npm run db:diff -- add_thing write a new migration from the schema change since HEAD
//   npm run db:reset             drop the dev database, migrate and seed again
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prepareDatabase, resolveDatabase } from "./lib/database";
import { diffSchemas } from "./lib/schema-sql";
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
  if (command === "diff" || command === "sql") {
    const db = await resolveDatabase("dev");
    try {
      const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
      if (command === "sql") {
        process.stdout.write(diffSchemas({ from: null, to: schema, databaseUrl: db.url }));
        return;
      }
      const name = args[0];
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:diff -- <snake_case_name>");
      const base = args[1] ?? "HEAD";
      let from: string | null = null;
      try {
        from = execFileSync("git", ["show", `${base}:prisma/schema.prisma`], { encoding: "utf8" });
      } catch {
        from = null;
      }
      const sql = diffSchemas({ from, to: schema, databaseUrl: db.url });
      if (!/CREATE|ALTER|DROP/.test(sql)) {
        console.log("no schema change since", base);
        return;
      }
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), sql);
      console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    } finally {
      await db.stop();
    }
    return;
  }
  throw new Error(`unknown command: ${command ?? "(none)"}; use migrate, diff, reset or sql`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
