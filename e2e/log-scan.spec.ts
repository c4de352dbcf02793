// Runs last (project "log-scan", after every other project): the whole run's
// server and worker logs (scripts/launch.ts keeps them in .data/e2e-logs/) must
// not contain any magic-link, session, unsubscribe or install token the run used.
// Tokens come from the fixtures (e2e/fixtures/secrets.ts) and, to miss none, from
// the database: every session row and every link in every caught email.
import fs from "node:fs";
import path from "node:path";
import { expect, getTestDb, test } from "./fixtures";
import { readSecrets, tokensInText } from "./fixtures/secrets";

test("no token of the run appears in any server or worker log", async () => {
  const dir = path.resolve(".data/e2e-logs");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith(".log")) : [];
  expect(files.sort()).toEqual(["app.log", "worker.log"]);
  const logs = files.map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), "utf8") }));
  // The logs are the real thing: JSON lines, access lines with request ids, job lines with job ids.
  const app = logs.find((log) => log.name === "app.log")!.text;
  expect(
    app.split("\n").filter((line) => line.includes('"msg":"request"') && line.includes('"requestId"')).length,
  ).toBeGreaterThan(100);
  expect(logs.find((log) => log.name === "worker.log")!.text).toContain('"jobId"');

  const secrets = new Map<string, string>();
  for (const { kind, value } of readSecrets()) secrets.set(value, kind);
  const db = getTestDb();
  for (const row of (await db.query<{ sessionToken: string }>(`SELECT "sessionToken" FROM "Session"`)).rows)
    secrets.set(row.sessionToken, "session");
  for (const row of (
    await db.query<{ text: string | null; headers: unknown }>(`SELECT text, headers FROM "CaughtMail"`)
  ).rows) {
    for (const token of tokensInText(`${row.text ?? ""}\n${JSON.stringify(row.headers ?? {})}`))
      if (!secrets.has(token.value)) secrets.set(token.value, token.kind);
  }
  for (const row of (await db.query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "Cluster"`)).rows)
    secrets.set(row.tokenHash, "install-hash");

  const kinds = new Set(secrets.values());
  for (const kind of ["magic-link", "session", "unsubscribe", "install"])
    expect(kinds, `the run used ${kind} tokens`).toContain(kind);

  const leaks: string[] = [];
  for (const [value, kind] of secrets) {
    if (value.length < 16) continue;
    const forms = new Set([value, encodeURIComponent(value)]);
    for (const log of logs)
      if ([...forms].some((form) => log.text.includes(form)))
        leaks.push(`${kind} token (${value.length} chars) in ${log.name}`);
  }
  // Name the kind and file only: printing the token would put it in the test report.
  expect(leaks, `tokens found in logs (of ${secrets.size} checked)`).toEqual([]);
});
