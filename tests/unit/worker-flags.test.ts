// The worker runs with the same node flags however it is started: by the launcher
// (scripts/launch.ts uses WORKER_NODE_FLAGS), on its own (`npm run worker`), and in
// bench/notices.ts, which measures its memory with them.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { WORKER_MALLOC_ARENA_MAX, WORKER_NODE_FLAGS, workerEnv } from "../../scripts/lib/node-args";

describe("worker node flags", () => {
  it("are the same in `npm run worker` as in the launcher", () => {
    const scripts = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(scripts.worker).toBe(
      [
        `MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-${WORKER_MALLOC_ARENA_MAX}}`,
        "node",
        ...WORKER_NODE_FLAGS,
        "dist/worker.js",
      ].join(" "),
    );
  });

  it("bound glibc's malloc arenas unless the operator set MALLOC_ARENA_MAX", () => {
    expect(workerEnv({ PATH: "/bin" })).toEqual({ PATH: "/bin", MALLOC_ARENA_MAX: WORKER_MALLOC_ARENA_MAX });
    expect(workerEnv({ MALLOC_ARENA_MAX: "4" }).MALLOC_ARENA_MAX).toBe("4");
  });
});
