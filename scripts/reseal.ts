// npm run keys:reseal: after AUTH_SECRET was rotated, re-seals every stored
// sealed value with the current secret (README, "Rotating AUTH_SECRET"). Reads
// AUTH_SECRET, AUTH_SECRET_PREVIOUS and DATABASE_URL (unset: the dev database).
// Exits 1 when a value could be opened by no secret on the ring.
import { disconnectDb } from "../lib/core/db";
import { resealStoredValues } from "../lib/keys/reseal";
import { resolveDatabase } from "./lib/database";

const db = await resolveDatabase("dev");
process.env.DATABASE_URL = db.url;
let unreadable = 0;
try {
  const result = await resealStoredValues({ log: (line) => console.log(`[reseal] ${line}`) });
  unreadable = Object.values(result.columns).reduce((sum, counts) => sum + counts.unreadable, 0);
  console.log(`[reseal] done; every readable value is sealed with key ${result.keyId}`);
  if (unreadable)
    console.error(
      `[reseal] ${unreadable} value(s) were sealed with a secret that is not on the ring (AUTH_SECRET, AUTH_SECRET_PREVIOUS): left as they are`,
    );
} finally {
  await disconnectDb();
  await db.stop();
}
process.exit(unreadable ? 1 : 0);
