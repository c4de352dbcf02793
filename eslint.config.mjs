// ESLint: Next.js's recommended rules, typescript-eslint, and the project's
// architecture boundary (README, "Architecture"):
//   - app/ and components/ never import the database client: they go through lib/;
//   - components/ never import from app/ (actions are passed in as props);
//   - lib/ never imports from app/;
//   - every lib/ module that imports the database client imports "server-only".
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const DB_CLIENT = ["@/lib/db", "@/lib/db/*", "@/lib/generated/*", "**/lib/db", "**/generated/prisma", "**/generated/prisma/*", "pg", "@prisma/*"];
const dbMessage = "Pages and components read and write through lib/ (the data access layer), never the database client.";

const isDbImport = (source) => /(^|\/)db(\.ts)?$/.test(source) || /generated\/prisma/.test(source) || source === "pg";

/** A lib/ module that imports the database client or its types (it runs queries) must also import "server-only". */
const serverOnlyWithDb = {
  meta: { type: "problem", messages: { missing: 'This module imports the database client; add `import "server-only";` so it can never reach a browser bundle.' } },
  create(context) {
    let dbImport = null;
    let hasServerOnly = false;
    return {
      ImportDeclaration(node) {
        if (node.source.value === "server-only") hasServerOnly = true;
        else if (!dbImport && isDbImport(String(node.source.value))) dbImport = node;
      },
      "Program:exit"() {
        if (dbImport && !hasServerOnly) context.report({ node: dbImport, messageId: "missing" });
      },
    };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([".next/**", "dist/**", ".data/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", "vendor/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Logs are JSON lines through lib/log.ts (request/job id, redaction); CLI tools, tests and benches may print.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "proxy.ts", "auth.ts", "scripts/server.ts", "scripts/worker.ts", "scripts/ingest-server.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: { "no-console": "error" },
  },
  {
    // Playwright fixtures call a function named `use`; it is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: DB_CLIENT, message: dbMessage }] }] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: DB_CLIENT, message: dbMessage },
            { group: ["@/app/*", "**/app/*"], message: "components/ must not depend on app/: pass server actions in as props." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/**/*.test.ts"],
    plugins: { local: { rules: { "server-only-with-db": serverOnlyWithDb } } },
    rules: {
      "local/server-only-with-db": "error",
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "**/app/*"], message: "lib/ holds the rules; it must not depend on app/." }] }],
    },
  },
]);
