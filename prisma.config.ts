// Prisma 7 CLI config, used only for `prisma generate`; migrations are applied by
// scripts/db.ts (see README: the native migration engine cannot be downloaded here).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
