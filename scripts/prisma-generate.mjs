// `prisma generate` without the native engines the Prisma CLI would otherwise
// try to download (see README, "Why migrations are applied by our own script").
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const placeholder = path.resolve(".data/no-engine");
fs.mkdirSync(path.dirname(placeholder), { recursive: true });
fs.writeFileSync(placeholder, "");
execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
