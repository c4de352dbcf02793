// The claim statement of the notice sender, against a real database: each claim
// reads only what it takes (no scan and sort of every waiting delivery, which
// made a 10^5-recipient campaign O(recipients) per batch), expired leases come
// back, and concurrent claimers never take the same row.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import { CLAIM_SQL } from "./sender";

let pool: pg.Pool;
const RECIPIENTS = 3000;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase("notice_claim", { migrate: true }), max: 6 });
  await pool.query(
    `INSERT INTO "User" (id, email, name, "updatedAt") SELECT 'cu' || i, 'claim-' || i || '@example.test', 'Claim ' || i, now() FROM generate_series(1, $1) AS i`,
    [RECIPIENTS],
  );
  await pool.query(`INSERT INTO "PolicyDocument" (id, slug, title) VALUES ('claim-doc', 'claim', 'Privacy Policy')`);
  await pool.query(
    `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
     VALUES ('claim-v', 'claim-doc', 1, 'PUBLISHED', 'Text', 'Summary', true, now() + interval '31 days', now(), now())`,
  );
  await pool.query(
    `INSERT INTO "NoticeCampaign" (id, "policyVersionId", audience, status, "ratePerSecond", "updatedAt") VALUES ('claim-c', 'claim-v', 'ALL', 'RUNNING', 1000, now())`,
  );
  await pool.query(
    `INSERT INTO "NoticeDelivery" (id, "campaignId", "userId", "policyVersionId", email, "nextAttemptAt")
     SELECT 'nd' || i, 'claim-c', 'cu' || i, 'claim-v', 'claim-' || i || '@example.test', now() - interval '1 minute' + i * interval '1 ms'
       FROM generate_series(1, $1) AS i`,
    [RECIPIENTS],
  );
  await pool.query(`ANALYZE "NoticeDelivery"`);
});

afterAll(async () => {
  await pool?.end();
});

type Node = { "Node Type": string; Plans?: Node[]; "Actual Rows"?: number; "Relation Name"?: string };
const walk = (node: Node): Node[] => [node, ...(node.Plans ?? []).flatMap(walk)];

describe("notice claim", () => {
  it("reads the deliveries it claims through the index, without sorting every waiting row", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: Node }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_SQL}`,
        ["claim-c", 50, 60],
      );
      await client.query("ROLLBACK");
      const nodes = walk(rows[0]["QUERY PLAN"][0].Plan);
      expect(nodes.map((node) => node["Node Type"])).not.toContain("Sort");
      expect(nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"])).toEqual([]);
      expect(nodes[0]["Actual Rows"]).toBe(50);
    } finally {
      client.release();
    }
  });

  it("takes expired leases back and due rows in order; concurrent claimers never share a row", async () => {
    await pool.query(
      `UPDATE "NoticeDelivery" SET status = 'SENDING', "leaseUntil" = now() - interval '1 second' WHERE id IN ('nd2999', 'nd3000')`,
    );
    await pool.query(
      `UPDATE "NoticeDelivery" SET status = 'SENDING', "leaseUntil" = now() + interval '1 hour' WHERE id = 'nd1'`,
    );
    const first = await pool.query<{ id: string; name: string | null; attempts: number }>(CLAIM_SQL, [
      "claim-c",
      5,
      60,
    ]);
    expect(first.rows.map((row) => row.id).sort()).toEqual(["nd2", "nd2999", "nd3", "nd3000", "nd4"].sort());
    expect(first.rows.find((row) => row.id === "nd2")).toMatchObject({ name: "Claim 2", attempts: 1 });

    const claims = await Promise.all(
      Array.from({ length: 6 }, () => pool.query<{ id: string }>(CLAIM_SQL, ["claim-c", 200, 60])),
    );
    const ids = claims.flatMap((claim) => claim.rows.map((row) => row.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(1200);
    expect(ids).not.toContain("nd1");
    const { rows } = await pool.query<{ sending: string }>(
      `SELECT count(*) AS sending FROM "NoticeDelivery" WHERE status = 'SENDING' AND "leaseUntil" > now()`,
    );
    expect(Number(rows[0].sending)).toBe(1 + 5 + 1200);
  });
});
