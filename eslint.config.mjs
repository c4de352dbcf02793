// ESLint: Next.js's recommended rules, typescript-eslint, and the project's
// architecture boundary (README, "Architecture"):
//   - lib/core/ imports no other folder of lib/; each domain folder imports lib/core/ and
//     the domains before it in DOMAIN_ORDER, never one after it, nor lib/dal.ts or lib/actions/;
//   - no import cycles in lib/, and no `await import()` of project files there to hide one;
//   - app/ and components/ never import the database client: they go through lib/;
//   - components/ never import from app/ (actions are passed in as props);
//   - lib/ never imports from app/, components/ or scripts/;
//   - every lib/ module that imports the database client imports "server-only".
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The domains of lib/, lowest first (the README's architecture section lists the same order;
 * tests/unit/architecture.test.ts checks that they agree and that every folder of lib/ is placed).
 * Below them all: lib/core/. Above them all: lib/dal.ts and lib/actions/, which app/ calls.
 */
export const DOMAIN_ORDER = [
  "audit",
  "keys",
  "email",
  "sharing",
  "data",
  "notices",
  "policies",
  "auth",
  "export",
  "erasure",
  "preferences",
  "signals",
  "breaches",
  "legal",
  "retention",
  "requests",
  "correction",
  "parents",
  "agents",
  "telemetry",
  "statistics",
  "metrics",
  "account",
  "admin",
];

const layerZones = [
  {
    target: "./lib/core",
    from: "./lib",
    except: ["./core", "./generated"],
    message: 'lib/core/ stands below every domain: it imports nothing else from lib/ (README, "Architecture").',
  },
  ...DOMAIN_ORDER.map((domain, index) => {
    const below = DOMAIN_ORDER.slice(0, index);
    return {
      target: `./lib/${domain}`,
      from: "./lib",
      except: ["./core", "./generated", `./${domain}`, ...below.map((name) => `./${name}`)],
      message: `lib/${domain}/ may import lib/core/ and the domains below it in DOMAIN_ORDER (${below.join(", ") || "none"}), never one above it, lib/dal.ts or lib/actions/ (README, "Architecture").`,
    };
  }),
  {
    target: "./lib",
    from: ["./app", "./components", "./scripts"],
    message: "lib/ is imported by app/, components/ and scripts/, never the other way round.",
  },
];

const DB_CLIENT = [
  "@/lib/core/db",
  "@/lib/core/migrate",
  "@/lib/generated/*",
  "**/core/db",
  "**/generated/prisma",
  "**/generated/prisma/*",
  "pg",
  "@prisma/*",
];
const dbMessage =
  "Pages and components read and write through lib/ (the data access layer), never the database client.";

const isDbImport = (source) => /(^|\/)db(\.ts)?$/.test(source) || /generated\/prisma/.test(source) || source === "pg";

/** A lib/ module that imports the database client or its types (it runs queries) must also import "server-only". */
const serverOnlyWithDb = {
  meta: {
    type: "problem",
    messages: {
      missing:
        'This module imports the database client; add `import "server-only";` so it can never reach a browser bundle.',
    },
  },
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

// Dates and counts people read go through the one formatter (lib/core/format.ts), tables through the kit.
const formatterSyntax = [
  {
    selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
    message: "Format dates with lib/core/format.ts (formatDate, or <DateTime> from components/date-time.tsx).",
  },
  {
    selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]",
    message: "Format dates and counts with lib/core/format.ts (formatDate, formatNumber).",
  },
];
/**
 * Files whose every word people read comes from the catalogues (messages/, issue 22): a literal
 * string in their JSX fails lint. Phase 2 adds files here until it covers all of app/ and
 * components/ (notes/issue-22.md, "Adding a translated file").
 */
export const TRANSLATED_FILES = [
  "app/layout.tsx",
  "app/(portal)/account/profile/page.tsx",
  "app/(portal)/account/profile/profile-forms.tsx",
  "components/site-header.tsx",
  "components/header-account.tsx",
  "components/language-switcher.tsx",
];
/** Strings that are not words: symbols and the brand mark. */
const UNTRANSLATED_ALLOWED = ["P", "·", "—", "→", "←", "/", ":", "(", ")"];

const tableSyntax = {
  selector: "JSXOpeningElement[name.name='table']",
  message: "Use <Table> from components/table.tsx (labelled cards on a phone, one look everywhere).",
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([
    ".next/**",
    "dist/**",
    ".data/**",
    "node_modules/**",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    "vendor/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Logs are JSON lines through lib/core/log.ts (request/job id, redaction); CLI tools, tests and benches may print.
    files: [
      "app/**/*.{ts,tsx}",
      "components/**/*.{ts,tsx}",
      "lib/**/*.{ts,tsx}",
      "proxy.ts",
      "scripts/server.ts",
      "scripts/worker.ts",
      "scripts/ingest-server.ts",
    ],
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
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["components/table.tsx"],
    rules: { "no-restricted-syntax": ["error", ...formatterSyntax, tableSyntax] },
  },
  {
    // No literal words in translated files: text comes from the catalogues (t("...")).
    files: TRANSLATED_FILES,
    rules: {
      "react/jsx-no-literals": [
        "error",
        { noStrings: true, ignoreProps: true, noAttributeStrings: false, allowedStrings: UNTRANSLATED_ALLOWED },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: DB_CLIENT, message: dbMessage },
            {
              group: ["@/app/*", "**/app/*"],
              message: "components/ must not depend on app/: pass server actions in as props.",
            },
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
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["@/app/*", "**/app/*"], message: "lib/ holds the rules; it must not depend on app/." }],
        },
      ],
      "import/no-restricted-paths": ["error", { zones: layerZones }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "no-restricted-syntax": [
        "error",
        ...formatterSyntax,
        {
          // Packages may be loaded lazily (e.g. next/headers, absent outside a request); project files may not.
          selector:
            "ImportExpression[source.value=/^[.]/], ImportExpression[source.value=/^@\\W/], ImportExpression:not([source.type='Literal'])",
          message:
            "No `await import()` of project files in lib/: import statically, in the direction of the domain order.",
        },
      ],
    },
  },
]);
