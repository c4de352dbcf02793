// npm run db:seed [-- --size N]: migrate and seed the dev database (or DATABASE_URL).
import { prepareDatabase } from "./lib/database";
import { seedDatabase } from "../prisma/seed";

const sizeFlag = process.argv.indexOf("--size");
const size = sizeFlag > 0 ? Number(process.argv[sizeFlag + 1]) : undefined;
if (size !== undefined && (!Number.isInteger(size) || size < 0)) {
  console.error("--size must be a whole number of rows");
  process.exit(1);
}
const db = await prepareDatabase("dev");
try {
  await seedDatabase({ databaseUrl: db.url, size });
} finally {
  await db.stop();
}
