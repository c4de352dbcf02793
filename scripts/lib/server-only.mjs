// Lets lib/ modules that `import "server-only"` run outside Next.js (worker,
// ingestion server, scripts, benchmarks). Only the `server-only` package is
// resolved with the react-server export condition (its empty entry); the rest
// of the graph keeps the normal conditions, because under react-server React
// swaps in its server-components build, in which react-dom/server (used to
// render emails) refuses to load. Loaded with `--import` before tsx.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`),
);
