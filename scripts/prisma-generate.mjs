// `prisma generate` without a native engine. Prisma 7's CLI fetches the native
// schema engine when it starts, whatever the command, and this network refuses
// the download (README, "Why migrations are applied by our own script");
// generating the engine-free client never runs that engine, so an empty file
// named by PRISMA_SCHEMA_ENGINE_BINARY satisfies the check. Checked with Prisma
// 7.10: without it `prisma generate` fails; Prisma 6 also wanted
// PRISMA_QUERY_ENGINE_LIBRARY, 7.x no longer does.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const placeholder = path.resolve(".data/no-engine");
fs.mkdirSync(path.dirname(placeholder), { recursive: true });
fs.writeFileSync(placeholder, "");
// The CLI the prisma package declares as its `prisma` bin (node_modules/.bin is a
// shell script on some platforms, so run it with this Node).
const require = createRequire(import.meta.url);
const manifest = require.resolve("prisma/package.json");
const { bin } = JSON.parse(fs.readFileSync(manifest, "utf8"));
const cli = path.join(path.dirname(manifest), typeof bin === "string" ? bin : bin.prisma);
execFileSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
