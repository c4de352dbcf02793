import "server-only";
import { getPool } from "../core/db";
import type { Viewer } from "../core/viewer";

// One round trip: the account, the policy it was created under and four counts (the Prisma
// query of the same took three: the user with its counts, then the version, then its document).
// Prisma's DateTime columns are UTC timestamps without a zone: read as timestamptz, whatever
// the server's TZ.
const overviewQuery = `
  SELECT u.email, u.name, u."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
         v.version, v."effectiveAt" AT TIME ZONE 'UTC' AS "effectiveAt", d.title, d.slug,
         (SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = u.id)::int AS "serverLogs",
         (SELECT count(*) FROM "Cluster" WHERE "userId" = u.id)::int AS clusters,
         (SELECT count(*) FROM "TelemetryReport" WHERE "userId" = u.id)::int AS "telemetryReports",
         (SELECT count(*) FROM "PrivacyRequest" WHERE "userId" = u.id)::int AS "privacyRequests"
    FROM "User" u
    LEFT JOIN "PolicyVersion" v ON v.id = u."policyVersionId"
    LEFT JOIN "PolicyDocument" d ON d.id = v."documentId"
   WHERE u.id = $1`;

type OverviewRow = {
  email: string;
  name: string | null;
  createdAt: Date;
  version: number | null;
  effectiveAt: Date | null;
  title: string | null;
  slug: string | null;
  serverLogs: number;
  clusters: number;
  telemetryReports: number;
  privacyRequests: number;
};

/** A small summary of the viewer's own account, scoped to the viewer. */
export async function getAccountOverview({ viewer }: { viewer: Viewer }) {
  const { rows } = await getPool().query<OverviewRow>(overviewQuery, [viewer.userId]);
  const user = rows[0];
  if (!user) return null;
  return {
    email: user.email,
    name: user.name,
    memberSince: user.createdAt,
    policy:
      user.version !== null && user.title !== null && user.slug !== null
        ? { title: user.title, slug: user.slug, version: user.version, effectiveAt: user.effectiveAt }
        : null,
    counts: {
      serverLogs: user.serverLogs,
      clusters: user.clusters,
      telemetryReports: user.telemetryReports,
      privacyRequests: user.privacyRequests,
    },
  };
}
