// Runs an operator command (database migrations, key re-sealing, the break-glass
// second-factor reset): in production the compiled dist/<name>.js that `npm run build`
// made (plain node, no tsx); in development and tests the TypeScript source under tsx,
// so a command never runs stale code and needs no build first.
//   node scripts/run.mjs <name> [args...]      e.g. node scripts/run.mjs db migrate
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error("usage: node scripts/run.mjs <name> [args...]");
  process.exit(2);
}
const compiled = path.resolve("dist", `${name}.js`);
const production = process.env.NODE_ENV === "production";
let argv;
if (production) {
  if (!fs.existsSync(compiled)) {
    console.error(`${path.relative(process.cwd(), compiled)} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  argv = [compiled, ...args];
} else {
  argv = [
    "--import",
    path.resolve("scripts/lib/server-only.mjs"),
    "--import",
    "tsx",
    path.resolve("scripts", `${name}.ts`),
    ...args,
  ];
}
const result = spawnSync(process.execPath, argv, { stdio: "inherit" });
process.exit(result.status ?? 1);
