// Node flags for a child process that runs TypeScript from lib/ outside Next.js
// (worker, ingestion server): tsx, and `server-only` resolved to its server entry.
import path from "node:path";

export const TS_NODE_ARGS = ["--import", path.resolve("scripts/lib/server-only.mjs"), "--import", "tsx"];
