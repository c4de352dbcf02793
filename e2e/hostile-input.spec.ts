// Bad input never answers 5xx (issue 17). Two halves:
//   - the reported reproductions, each with the answer it must give instead (a 4xx, or the
//     page with a clear message and the bad filter ignored);
//   - a property test (fast-check) over an inventory generated from the filesystem: every
//     page.tsx and route.ts under app/, each dynamic segment filled with real or hostile
//     values, each driven with hostile search params as a visitor, a signed-in person and an
//     admin who passed the second factor. Any 5xx fails, with the request that caused it.
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { categories } from "../lib/data/registry";
import { createUser, expect, getTestDb, rememberSecret, test, uniqueEmail, uniqueIp } from "./fixtures";

type Role = "visitor" | "person" | "admin";

// ---------------------------------------------------------------------------------------------
// Sessions for plain HTTP requests (no browser): a database session as the sign-in would make,
// marked as having passed the second factor for admins.

async function newSession(email: string, role: "USER" | "ADMIN"): Promise<string> {
  const userId = await createUser(email, { role });
  const token = randomBytes(32).toString("hex");
  rememberSecret("session", token);
  await getTestDb().query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "createdAt", "secondFactorAt")
     VALUES ($1, $2, $3, now() + interval '1 day', now(), CASE WHEN $4 = 'ADMIN' THEN now() END)`,
    [`e2e${randomBytes(8).toString("hex")}`, token, userId, role],
  );
  return token;
}

async function contextFor(baseURL: string, role: Role): Promise<APIRequestContext> {
  const headers: Record<string, string> = { "x-forwarded-for": uniqueIp() };
  if (role !== "visitor")
    headers.cookie = `authjs.session-token=${await newSession(uniqueEmail(`hostile-${role}`), role === "admin" ? "ADMIN" : "USER")}`;
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: headers });
}

const get = (context: APIRequestContext, url: string) => context.get(url, { maxRedirects: 0, failOnStatusCode: false });
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

// ---------------------------------------------------------------------------------------------
// The reported reproductions.

test.describe("reported bad input answers 4xx or a clear message, never 500", () => {
  test("public pages and routes", async ({ baseURL }) => {
    const visitor = await contextFor(baseURL!, "visitor");
    const confirm = await get(visitor, "/signin/confirm?token=%00&email=%00");
    expect(confirm.status()).toBe(200);
    expect(await confirm.text()).toContain("This link no longer works");

    const version = await get(visitor, "/policies/privacy/v/99999999999999999999");
    expect(version.status()).toBe(404);
    expect((await get(visitor, "/policies/privacy/v/99999999999999999999/changes")).status()).toBe(404);

    // Broken %-encoding in a path is refused before routing (Next.js answered it with a 500).
    const pixel = await get(visitor, "/api/email/open/%E0%A4%A");
    expect(pixel.status()).toBe(400);
    expect(await pixel.json()).toMatchObject({ error: "validation", reason: "bad_path" });
    const page = await get(visitor, "/policies/%E0%A4%A");
    expect(page.status()).toBe(400);
    expect(await page.text()).toContain("This address is not valid");
    // A NUL in the token is simply a token that is not valid.
    expect((await get(visitor, "/api/email/open/%00")).status()).toBe(404);
    await visitor.dispose();
  });

  test("a signed-in person's data pages ignore bad filters and cursors with a message", async ({ baseURL }) => {
    const person = await contextFor(baseURL!, "person");
    for (const query of ["from=2024-13-45", "from=2024-02-30", "to=0000-00-00", "ip=%00", "from=275760-09-13"]) {
      const response = await get(person, `/account/data/server-logs?${query}`);
      expect(response.status(), query).toBe(200);
      expect(await response.text(), query).toContain("Please check the filters");
    }
    const cursor = await get(person, `/account/data/server-logs?page=next&cursor=${cursorOf(["1", "1"])}`);
    expect(cursor.status()).toBe(200);
    expect(await cursor.text()).toContain("That page link is no longer valid");

    expect((await get(person, "/account/data/telemetry?cluster=%00")).status()).toBe(200); // no such filter on the first dataset: ignored
    const cluster = await get(person, "/account/data/telemetry?dataset=telemetry-reports&cluster=%00");
    expect(cluster.status()).toBe(200);
    expect(await cluster.text()).toContain("Please check the filters");

    expect((await get(person, "/account/data/correction?dataset=clusters&id=%00")).status()).toBe(404);

    const exportStatus = await get(person, "/api/export/%00");
    expect(exportStatus.status()).toBe(404);
    expect(await exportStatus.json()).toMatchObject({ error: "not_found", message: "We could not find that export." });
    expect((await get(person, "/api/export/%00/download")).status()).toBe(404);
    await person.dispose();
  });

  test("the audit log ignores an out-of-range cursor and refuses control characters in filters", async ({
    baseURL,
  }) => {
    const admin = await contextFor(baseURL!, "admin");
    const after = await get(admin, "/admin/audit?after=9223372036854775808");
    expect(after.status()).toBe(200);
    expect(await after.text()).toContain("That page link is no longer valid");
    // Found by the property test below: a cursor that is not digits at all.
    const before = await get(admin, `/admin/audit?before=${cursorOf(["2024-01-01", "a"])}`);
    expect(before.status()).toBe(200);
    expect(await before.text()).toContain("That page link is no longer valid");
    for (const key of ["actor", "action", "targetId", "targetType"]) {
      const response = await get(admin, `/admin/audit?${key}=%00`);
      expect(response.status(), key).toBe(200);
      expect(await response.text(), key).toContain("Please check the filters");
    }
    // The CSV used to answer 200 and then drop the connection when the query failed.
    const csv = await get(admin, "/admin/audit/export?actor=%00");
    expect(csv.status()).toBe(400);
    expect(await csv.json()).toMatchObject({ error: "validation", reason: "audit_filter" });
    await admin.dispose();
  });

  test("a breach draft with an already-stored date outside the calendar still opens", async ({ baseURL }) => {
    const admin = await contextFor(baseURL!, "admin");
    const id = `e2e${randomBytes(8).toString("hex")}`;
    await getTestDb().query(
      `INSERT INTO "Breach" (id, title, "whatHappened", "occurredFrom", "discoveredAt", "dataInvolved", "whatWeDid", "whatToDo", contact,
         audience, "audienceCategories", "audienceFrom", "audienceTo", "updatedAt")
       VALUES ($1, 'Far-future audience', 'A draft saved before dates were bounded.', now() - interval '2 days', now() - interval '1 day',
         'Server logs', 'Nothing yet.', 'Nothing yet.', 'privacy@example.com', 'CATEGORIES', ARRAY['server-logs'], '0001-01-01', '275760-09-13', now())`,
      [id],
    );
    const page = await get(admin, `/admin/breaches/${id}`);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain("Far-future audience");
    await admin.dispose();
  });
});

test.describe("server actions under bad input", () => {
  test("a NUL in a form field answers that field's message, not a generic failure", async ({ page, signIn }) => {
    await signIn(page, uniqueEmail("nul-form"));
    await page.goto("/account/profile");
    await page.getByLabel("Full name").fill("Carol\u0000Nul");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("contains characters that are not allowed").first()).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
  });

  test("a body over the size limit answers 413", async ({ page, request }) => {
    // The id of a real action, taken from the sign-in form's own request.
    await page.goto("/signin");
    const posted = page.waitForRequest(
      (candidate) => candidate.method() === "POST" && Boolean(candidate.headers()["next-action"]),
    );
    await page.getByLabel("Email").fill(uniqueEmail("limit"));
    await page.getByRole("button", { name: /email me a sign-in link/i }).click();
    const actionId = (await posted).headers()["next-action"];
    const headers = {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      "x-forwarded-for": uniqueIp(),
    };
    const tooLarge = await request.post("/signin", {
      headers,
      data: `["${"a".repeat(1024 * 1024)}"]`,
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.text()).toContain("too large");
  });
});

// ---------------------------------------------------------------------------------------------
// The inventory: every page and route handler under app/, read from the filesystem.

type Entry = { file: string; kind: "page" | "route"; parts: string[]; methods: string[]; queryKeys: string[] };

const APP = path.resolve("app");

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : listFiles(full); // private folders are not routes
    return entry.name === "page.tsx" || entry.name === "route.ts" ? [full] : [];
  });
}

/** The search-param names a file reads: its zod schemas' keys, typed props, searchParams.get("x"), search.x, one("x"), literal key lists. */
function queryKeysOf(source: string): string[] {
  const keys = new Set<string>();
  for (const match of source.matchAll(
    /\b(\w+): (?:textParam|idParam|slugParam|dayParam|bigintParam|positiveIntParam|z\.)/g,
  ))
    keys.add(match[1]);
  for (const match of source.matchAll(/searchParams: Promise<\{([^}]*)\}>/g))
    for (const key of match[1].matchAll(/(\w+)\??:/g)) keys.add(key[1]);
  for (const match of source.matchAll(/searchParams\.get\("(\w+)"\)/g)) keys.add(match[1]);
  for (const match of source.matchAll(/\bsearch\.(\w+)/g)) keys.add(match[1]);
  for (const match of source.matchAll(/\bone\("(\w+)"\)/g)) keys.add(match[1]);
  for (const match of source.matchAll(/\bkey: "(\w+)"/g)) keys.add(match[1]);
  for (const match of source.matchAll(/for \(const key of \[([^\]]*)\]/g))
    for (const key of match[1].matchAll(/"(\w+)"/g)) keys.add(key[1]);
  return [...keys];
}

function buildInventory(): Entry[] {
  const filterKeys = [
    ...new Set(
      categories.flatMap((category) => category.datasets.flatMap((dataset) => Object.keys(dataset.filters ?? {}))),
    ),
  ];
  return listFiles(APP)
    .map((file) => {
      const source = fs.readFileSync(file, "utf8");
      const parts = path
        .relative(APP, path.dirname(file))
        .split(path.sep)
        .filter((part) => part && !/^\(.*\)$/.test(part));
      const kind = file.endsWith("page.tsx") ? "page" : "route";
      const methods =
        kind === "page"
          ? ["GET"]
          : [...source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]);
      const queryKeys = queryKeysOf(source);
      if (parts.includes("[category]")) queryKeys.push(...filterKeys);
      return {
        file: path.relative(process.cwd(), file),
        kind,
        parts,
        methods,
        queryKeys: [...new Set(queryKeys)],
      } satisfies Entry;
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const inventory = buildInventory();
const ALL_KEYS = [...new Set(inventory.flatMap((entry) => entry.queryKeys))];

// ---------------------------------------------------------------------------------------------
// Hostile values, already in URL form (so invalid percent-encoding reaches the server as sent).

const percentEncode = (text: string) =>
  [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`).join("");

const HOSTILE = [
  "%00",
  "a%00b",
  "%01",
  "%1B",
  "%7F",
  "%0D%0A",
  "%E2%80%8B",
  "%EF%BF%BF",
  "%E0%A4%A",
  "%",
  "%zz",
  "%C0%80",
  "%ED%A0%80",
  "%FF",
  "99999999999999999999",
  "9223372036854775808",
  "-9223372036854775809",
  "2147483648",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "0x1F",
  "1.5",
  "2024-13-45",
  "2024-02-30",
  "0000-00-00",
  "275760-09-13",
  "%2B275760-09-14",
  "-000001-01-01",
  "1899-12-31",
  "2024-1-1",
  "2024-01-01T00:00:00Z",
  cursorOf(["1", "1"]),
  cursorOf(["2024-01-01", ""]),
  cursorOf(["2024-01-01T00:00:00", "99999999999999999999"]),
  cursorOf(["275760-09-13", "1"]),
  cursorOf({}),
  cursorOf([null, 1]),
  cursorOf(["2024-01-01", "a\u0000"]),
  "!!!",
  "====",
  "x".repeat(100_000),
  "y".repeat(3_000),
  percentEncode("💩".repeat(300)),
  "__proto__",
  "constructor",
  "%5Bobject%20Object%5D",
  "..%2F..%2Fetc%2Fpasswd",
  percentEncode("<script>alert(1)</script>"),
  percentEncode("' OR 1=1--"),
];

const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }).map(percentEncode) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String) },
);

// Real values for dynamic segments, so the search params reach past a 404 too.
const REAL_SEGMENTS: Record<string, () => Promise<string[]>> = {
  "[category]": async () => categories.map((category) => category.slug),
  "[slug]": async () =>
    (await getTestDb().query<{ slug: string }>(`SELECT slug FROM "PolicyDocument"`)).rows.map((row) => row.slug),
  "[version]": async () => ["1", "2"],
  "admin/breaches/[id]": async () =>
    (await getTestDb().query<{ id: string }>(`SELECT id FROM "Breach" LIMIT 3`)).rows.map((row) => row.id),
  "admin/requests/[id]": async () =>
    (await getTestDb().query<{ id: string }>(`SELECT id FROM "PrivacyRequest" LIMIT 3`)).rows.map((row) => row.id),
  "admin/notices/[id]": async () =>
    (await getTestDb().query<{ id: string }>(`SELECT id FROM "NoticeCampaign" LIMIT 3`)).rows.map((row) => row.id),
};

async function segmentValues(entry: Entry, index: number): Promise<string[]> {
  const part = entry.parts[index];
  const keyed = REAL_SEGMENTS[`${entry.parts.slice(0, index).join("/")}/${part}`] ?? REAL_SEGMENTS[part];
  return keyed ? keyed() : [];
}

type Case = { segments: string[]; query: [string, string][]; method: string };

async function caseArbitrary(entry: Entry): Promise<fc.Arbitrary<Case>> {
  const segments = await Promise.all(
    entry.parts.map(async (part, index) => {
      if (part.startsWith("[..."))
        return fc.array(hostileValue, { minLength: 1, maxLength: 3 }).map((values) => values.join("/"));
      if (!part.startsWith("[")) return fc.constant(part);
      const real = await segmentValues(entry, index);
      return real.length ? fc.oneof(fc.constantFrom(...real), hostileValue) : hostileValue;
    }),
  );
  const keys = entry.queryKeys.length
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...entry.queryKeys) },
        { weight: 1, arbitrary: fc.constantFrom(...ALL_KEYS) },
      )
    : fc.constantFrom(...ALL_KEYS);
  return fc.record({
    segments: fc.tuple(...segments),
    query: fc.array(fc.tuple(keys, hostileValue), { minLength: 0, maxLength: 4 }),
    method: fc.constantFrom(...(entry.methods.length ? entry.methods : ["GET"])),
  });
}

const urlOf = (input: Case) =>
  `/${input.segments.join("/")}${input.query.length ? `?${input.query.map(([key, value]) => `${key}=${value}`).join("&")}` : ""}`;
const shorten = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);

async function send(context: APIRequestContext, input: Case): Promise<APIResponse> {
  const url = urlOf(input);
  if (input.method === "GET") return get(context, url);
  // Route handlers that take a body get a hostile form body too.
  const form = input.query.map(([key, value]) => `${key}=${value}`).join("&");
  return context.fetch(url, {
    method: input.method,
    data: form,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

test.describe("every page and route under hostile input", () => {
  test("the inventory covers the app", () => {
    expect(inventory.filter((entry) => entry.kind === "page").length).toBeGreaterThan(50);
    expect(inventory.filter((entry) => entry.kind === "route").length).toBeGreaterThan(10);
    for (const file of [
      "app/(portal)/account/data/[category]/page.tsx",
      "app/admin/audit/export/route.ts",
      "app/api/email/open/[token]/route.ts",
    ]) {
      expect(inventory.map((entry) => entry.file)).toContain(file);
    }
    expect(inventory.find((entry) => entry.file === "app/admin/audit/page.tsx")?.queryKeys).toEqual(
      expect.arrayContaining(["actor", "targetId", "before", "after"]),
    );
    expect(
      inventory.find((entry) => entry.file === "app/(portal)/account/data/[category]/page.tsx")?.queryKeys,
    ).toEqual(expect.arrayContaining(["from", "to", "cursor", "ip", "cluster"]));
  });

  for (const role of ["visitor", "person", "admin"] as const) {
    test(`as ${role === "admin" ? "an admin" : `a ${role}`}: no 5xx`, async ({ baseURL }) => {
      test.setTimeout(240_000);
      const context = await contextFor(baseURL!, role);
      try {
        for (const entry of inventory) {
          const arbitrary = await caseArbitrary(entry);
          await fc.assert(
            fc.asyncProperty(arbitrary, async (input) => {
              const response = await send(context, input);
              expect(
                response.status(),
                `${input.method} ${shorten(urlOf(input))} (${entry.file}) as ${role}`,
              ).toBeLessThan(500);
            }),
            { numRuns: 5, endOnFailure: true },
          );
        }
      } finally {
        await context.dispose();
      }
    });
  }
});
