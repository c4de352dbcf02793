import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../core/errors";
import { handleIngest, hashInstallToken, type AcceptedReport, type IngestDeps } from "./ingest";
import {
  findHeaderOptOut,
  parseEnvelope,
  parseReport,
  plainReport,
  telemetryReportSchema,
  validateReport,
} from "./validate";

const MAX = 4096;

function headersOf(record: Record<string, string>) {
  const lower = Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
  return { get: (name: string) => lower[name.toLowerCase()] ?? null };
}

const validReport = fc.record({
  installId: fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/),
  kind: fc.constantFrom("usage", "performance", "configuration"),
  data: fc.dictionary(
    fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/),
    fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 40 }), fc.constant(null)),
    { maxKeys: 20 },
  ),
});

// Arbitrary JSON-ish bodies, including near-misses of the schema.
const anyBody = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  validReport.map((report) => JSON.stringify(report)),
  fc.tuple(validReport, fc.jsonValue()).map(([report, extra]) => JSON.stringify({ ...report, data: extra })),
  fc
    .tuple(validReport, fc.dictionary(fc.string(), fc.jsonValue()))
    .map(([report, env]) => JSON.stringify({ ...report, env })),
  fc.string({ minLength: MAX - 10, maxLength: MAX + 50 }),
);

describe("parseReport", () => {
  it("never throws and always returns a typed result", () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const result = parseReport(body, { maxBytes: MAX });
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok && result.kind !== "opted_out") expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts every well-formed report", () => {
    fc.assert(
      fc.property(validReport, (report) => parseReport(JSON.stringify(report), { maxBytes: 1_000_000 }).ok === true),
    );
  });

  it("takes exactly the install ids the schema takes (the envelope checks them without zod)", () => {
    const installId = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.stringMatching(/^[A-Za-z0-9._:-]{0,70}$/),
      fc.string({ unit: "binary", maxLength: 70 }),
      fc.integer(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(installId, (value) => {
        const envelope = parseEnvelope(JSON.stringify({ installId: value }), { maxBytes: MAX });
        const schema = telemetryReportSchema.shape.installId.safeParse(value);
        expect(envelope.ok).toBe(schema.success);
        if (envelope.ok) expect(envelope.installId).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("checks the common report by hand exactly as the schema does (same report, or leaves it to zod)", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.string({ minLength: 250, maxLength: 260 }),
      fc.string({ unit: "binary", maxLength: 10 }),
    );
    const scalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), text);
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }),
      fc.array(fc.constant(1), { minLength: 99, maxLength: 101 }),
      fc.jsonValue(),
    );
    const key = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_.-]{0,66}$/),
      fc.string({ maxLength: 5 }),
      fc.constant("__proto__"),
    );
    const report = fc.record(
      {
        installId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{0,66}$/), fc.integer(), fc.string({ maxLength: 5 })),
        kind: fc.oneof(fc.constantFrom("usage", "performance", "configuration"), fc.string({ maxLength: 12 })),
        version: fc.oneof(fc.string({ maxLength: 66 }), fc.integer(), fc.constant(null)),
        sentAt: fc.constantFrom("2026-12-07T10:00:00Z", "yesterday"),
        env: fc.constant({ CI: "1" }),
        data: fc.oneof(
          fc.dictionary(key, value, { maxKeys: 8 }),
          fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.integer(), { minKeys: 99, maxKeys: 102 }),
          fc.jsonValue(),
        ),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    // Through JSON, as reports arrive ("__proto__" becomes an own key, -0 and non-finite numbers change).
    const json = fc.oneof(report, validReport).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
    let handled = 0;
    fc.assert(
      fc.property(json, (input) => {
        const plain = plainReport(input);
        if (plain === undefined) return;
        handled += 1;
        const schema = telemetryReportSchema.safeParse(input);
        expect(schema.success).toBe(true);
        expect(plain).toEqual(schema.data);
      }),
      { numRuns: 3000 },
    );
    expect(handled).toBeGreaterThan(300);
  });

  it("skips the walk for unstorable text only when the body cannot hold any", () => {
    // Raw characters and JSON escapes, as a body's text can carry them.
    const piece = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom("\u0000", "\ud800", "\udc00", "\ud83d\ude00", "é"),
      fc.constantFrom("\\u0000", "\\ud800", "\\udfff", "\\u00e9", "\\\\u0000", "\\ud83d\\ude00", "\\n"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), fc.array(piece, { maxLength: 2 }), (value, key) => {
        const body = `{"installId":"i-1","kind":"usage","data":{"note":"${value.join("")}","k${key.join("")}":1}}`;
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          return;
        }
        expect(validateReport(json, body)).toEqual(validateReport(json));
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses bodies over the size limit, by bytes not characters", () => {
    const body = JSON.stringify({ installId: "a", kind: "usage", data: { note: "é".repeat(MAX / 2) } });
    expect(parseReport(body, { maxBytes: MAX })).toMatchObject({ ok: false, kind: "too_large" });
  });

  it("explains what is wrong", () => {
    const result = parseReport(JSON.stringify({ installId: "x", kind: "nope", data: {} }), { maxBytes: MAX });
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    expect(!result.ok && result.kind === "invalid" && result.reason).toContain("kind");
    expect(parseReport("{not json", { maxBytes: MAX })).toMatchObject({ ok: false, reason: "body is not valid JSON" });
  });

  // Issue 17.3: text PostgreSQL cannot store must be refused here, not fail a batch later.
  describe("text PostgreSQL cannot store", () => {
    const base = { installId: "a", kind: "usage", data: { apps: 1 } };
    const cases: Array<[string, string, RegExp]> = [
      [
        "a NUL in a data value",
        JSON.stringify({ ...base, data: { note: "a\u0000b" } }),
        /^data\.note: .*NUL character/,
      ],
      [
        "a NUL in a nested array value",
        JSON.stringify({ ...base, data: { tags: ["ok", "x\u0000"] } }),
        /^data\.tags\.1: .*NUL character/,
      ],
      [
        "a NUL in a data field name",
        JSON.stringify({ ...base, data: { "no\u0000te": 1 } }),
        /^data: a field name .*NUL character/,
      ],
      [
        "a NUL in an env key",
        JSON.stringify({ ...base, env: { "KEY\u0000": "1" } }),
        /^env: a field name .*NUL character/,
      ],
      [
        "a NUL in an env value",
        JSON.stringify({ ...base, env: { REGION: "\u0000" } }),
        /^env\.REGION: .*NUL character/,
      ],
      ["a NUL in the version", JSON.stringify({ ...base, version: "1.0\u0000" }), /^version: .*NUL character/],
      [
        "a NUL in an unknown top-level key",
        JSON.stringify({ ...base, "x\u0000": true }),
        /^report: a field name .*NUL character/,
      ],
      [
        "a lone high surrogate in a value",
        `{"installId":"a","kind":"usage","data":{"note":"a\\ud800b"}}`,
        /^data\.note: .*lone surrogate/,
      ],
      [
        "a lone low surrogate at the end of a value",
        `{"installId":"a","kind":"usage","data":{"note":"ab\\udc00"}}`,
        /^data\.note: .*lone surrogate/,
      ],
      [
        "a reversed pair in an array",
        `{"installId":"a","kind":"usage","data":{"tags":["\\udc00\\ud800"]}}`,
        /^data\.tags\.0: .*lone surrogate/,
      ],
      [
        "a lone surrogate in a key",
        `{"installId":"a","kind":"usage","data":{"apps":1},"env":{"K\\ud800":"1"}}`,
        /^env: a field name .*lone surrogate/,
      ],
    ];
    it.each(cases)("refuses %s with a clear reason", (_label, body, reason) => {
      const result = parseReport(body, { maxBytes: MAX });
      expect(result).toMatchObject({ ok: false, kind: "invalid" });
      expect(!result.ok && result.kind === "invalid" && result.reason).toMatch(reason);
    });

    it("keeps the reason printable: a bad key is shown escaped", () => {
      const result = parseReport(JSON.stringify({ ...base, env: { "K\u0000": "1" } }), { maxBytes: MAX });
      expect(!result.ok && result.kind === "invalid" && result.reason).not.toMatch(/\u0000/);
    });

    it("accepts paired surrogates (emoji) and other control characters", () => {
      expect(
        parseReport(JSON.stringify({ ...base, data: { note: "ok \u{1F600} \t\u0001" } }), { maxBytes: MAX }).ok,
      ).toBe(true);
    });

    it("never passes a report holding NUL or a lone surrogate anywhere", () => {
      const bad = fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff");
      fc.assert(
        fc.property(
          validReport,
          bad,
          fc.string({ maxLength: 5 }),
          fc.constantFrom("value", "array", "env"),
          (report, char, prefix, where) => {
            const poisoned = prefix + char;
            const body =
              where === "value"
                ? { ...report, data: { ...report.data, z: poisoned } }
                : where === "array"
                  ? { ...report, data: { ...report.data, z: [1, poisoned] } }
                  : { ...report, env: { [poisoned]: "x" } };
            const result = parseReport(JSON.stringify(body), { maxBytes: 1_000_000 });
            return !result.ok && result.kind === "invalid";
          },
        ),
      );
    });
  });

  it("finds TELEMETRY_DISABLED / DO_NOT_TRACK in the body and in headers", () => {
    expect(parseReport(JSON.stringify({ env: { TELEMETRY_DISABLED: "true" } }), { maxBytes: MAX })).toMatchObject({
      kind: "opted_out",
      signal: "TELEMETRY_DISABLED",
    });
    expect(parseReport(JSON.stringify({ installId: "a", env: { DO_NOT_TRACK: 1 } }), { maxBytes: MAX })).toMatchObject({
      kind: "opted_out",
      signal: "DO_NOT_TRACK",
    });
    expect(
      parseReport(JSON.stringify({ installId: "a", kind: "usage", data: {}, env: { DO_NOT_TRACK: "0" } }), {
        maxBytes: MAX,
      }).ok,
    ).toBe(true);
    expect(findHeaderOptOut(headersOf({ "Telemetry-Disabled": "true" }))).toBe("TELEMETRY_DISABLED");
    expect(findHeaderOptOut(headersOf({ "Do-Not-Track": "1" }))).toBe("DO_NOT_TRACK");
    expect(findHeaderOptOut(headersOf({ DNT: "0" }))).toBeNull();
  });
});

describe("handleIngest", () => {
  const token = "secret-token";
  function fakeDeps(overrides: Partial<{ clusterEnabled: boolean; accountEnabled: boolean; limited: boolean }> = {}) {
    const queued: AcceptedReport[] = [];
    const deps: IngestDeps = {
      maxBytes: MAX,
      findInstall: async (id) =>
        id === "known"
          ? {
              id,
              userId: "u1",
              tokenHash: hashInstallToken(token),
              clusterEnabled: overrides.clusterEnabled ?? true,
              accountEnabled: overrides.accountEnabled ?? true,
              restricted: false,
            }
          : null,
      consumeRateLimit: async () => (overrides.limited ? { ok: false, retryAfterSeconds: 30 } : { ok: true }),
      enqueue: async (report) => {
        queued.push(report);
      },
      // The servers hand in lib/actions/messages.ts's describeError (a domain does not import it).
      describeError: (error) => `words for ${error.code}:${error.reason}`,
    };
    return { deps, queued };
  }

  it("never throws or answers 5xx, whatever the body and headers", async () => {
    await fc.assert(
      fc.asyncProperty(
        anyBody,
        fc.dictionary(
          fc.constantFrom(
            "authorization",
            "dnt",
            "do-not-track",
            "telemetry-disabled",
            "x-install-token",
            "content-type",
          ),
          fc.string({ maxLength: 80 }),
        ),
        fc.constantFrom("POST", "GET", "PUT"),
        fc.boolean(),
        async (body, headers, method, known) => {
          const { deps } = fakeDeps();
          const text = known ? body.replace(/"installId":"[^"]*"/, '"installId":"known"') : body;
          const response = await handleIngest(
            { method, headers: headersOf(headers), body: text, ip: "203.0.113.1" },
            deps,
          );
          expect(response.status).toBeLessThan(500);
          expect([200, 202, 400, 401, 405, 413, 429]).toContain(response.status);
        },
      ),
      { numRuns: 1000 },
    );
  });

  const report = JSON.stringify({ installId: "known", kind: "usage", data: { apps: 3 } });
  const auth = { authorization: `Bearer ${token}` };

  it("accepts a valid report from a known install", async () => {
    const { deps, queued } = fakeDeps();
    const response = await handleIngest({ method: "POST", headers: headersOf(auth), body: report, ip: null }, deps);
    expect(response.status).toBe(202);
    expect(queued).toHaveLength(1);
  });

  it("400s a report holding a NUL or a lone surrogate, and queues nothing", async () => {
    const { deps, queued } = fakeDeps();
    for (const body of [
      JSON.stringify({ installId: "known", kind: "usage", data: { note: "\u0000" } }),
      `{"installId":"known","kind":"usage","data":{"note":"\\ud800"}}`,
    ]) {
      const response = await handleIngest({ method: "POST", headers: headersOf(auth), body, ip: null }, deps);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: "invalid_report",
        reason: expect.stringMatching(/^data\.note: .*(NUL character|lone surrogate)/),
      });
    }
    expect(queued).toHaveLength(0);
  });

  it("400s, not 503s, a report the database refused on its own", async () => {
    const { deps } = fakeDeps();
    deps.enqueue = async () => {
      throw new AppError("VALIDATION", { reason: "TELEMETRY_UNSTORABLE" });
    };
    const response = await handleIngest({ method: "POST", headers: headersOf(auth), body: report, ip: null }, deps);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: "invalid_report",
      reason: "words for VALIDATION:TELEMETRY_UNSTORABLE",
    });
  });

  it("401s unknown installs and wrong tokens", async () => {
    const { deps, queued } = fakeDeps();
    const unknown = JSON.stringify({ installId: "other", kind: "usage", data: {} });
    expect(
      (await handleIngest({ method: "POST", headers: headersOf(auth), body: unknown, ip: null }, deps)).status,
    ).toBe(401);
    expect(
      (
        await handleIngest(
          { method: "POST", headers: headersOf({ authorization: "Bearer nope" }), body: report, ip: null },
          deps,
        )
      ).status,
    ).toBe(401);
    expect((await handleIngest({ method: "POST", headers: headersOf({}), body: report, ip: null }, deps)).status).toBe(
      401,
    );
    expect(queued).toHaveLength(0);
  });

  it("stores nothing and says collection is disabled for opted-out installs, owners and signals", async () => {
    for (const overrides of [{ clusterEnabled: false }, { accountEnabled: false }]) {
      const { deps, queued } = fakeDeps(overrides);
      const response = await handleIngest({ method: "POST", headers: headersOf(auth), body: report, ip: null }, deps);
      expect(response.status).toBe(200);
      expect(response.body.collection).toBe("disabled");
      expect(queued).toHaveLength(0);
    }
    const { deps, queued } = fakeDeps();
    const signalled = await handleIngest(
      { method: "POST", headers: headersOf({ ...auth, "do-not-track": "1" }), body: report, ip: null },
      deps,
    );
    expect(signalled.body).toMatchObject({ collection: "disabled", signal: "DO_NOT_TRACK" });
    expect(queued).toHaveLength(0);
  });

  it("429s an install over its rate limit", async () => {
    const { deps, queued } = fakeDeps({ limited: true });
    const response = await handleIngest({ method: "POST", headers: headersOf(auth), body: report, ip: null }, deps);
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("30");
    expect(queued).toHaveLength(0);
  });
});
