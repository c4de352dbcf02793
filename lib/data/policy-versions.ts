import "server-only";
import { getPool } from "../core/db";

export type PolicyRef = { id: string; slug: string; title: string; version: number; effectiveAt: Date | null };

// Published versions with their document, in one round trip (Prisma's nested select takes two).
const publishedVersionsQuery = `
  SELECT v.id, v.version, v."effectiveAt" AT TIME ZONE 'UTC' AS "effectiveAt", d.slug, d.title
    FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId"
   WHERE v.status = 'PUBLISHED'`;

/** Every published policy version by id. */
export async function getPolicyVersions(): Promise<Map<string, PolicyRef>> {
  const { rows } = await getPool().query<PolicyRef>(publishedVersionsQuery);
  return new Map(rows.map((version) => [version.id, version]));
}
