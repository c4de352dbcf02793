-- Issue 20: one foreign key per telemetry report instead of three. The keys to "User" and
-- "PolicyVersion" made every batch INSERT check and lock (FOR KEY SHARE) the same hot rows
-- (one owner's row for all their installs, the one published policy version for everyone).
-- The composite key to the install and its owner keeps what they guaranteed: userId is the
-- install's owner, and deleting the account (User -> Cluster -> TelemetryReport) or the
-- install deletes the reports. Published policy versions are never deleted (only drafts are,
-- and a report only ever points at a published one).

-- Reports were always written with their install's owner; align any row that is not, so the key can be added.
UPDATE "TelemetryReport" t SET "userId" = c."userId" FROM "Cluster" c WHERE c.id = t."clusterId" AND t."userId" <> c."userId";

CREATE UNIQUE INDEX "Cluster_id_userId_key" ON "Cluster"("id", "userId");

ALTER TABLE "TelemetryReport" DROP CONSTRAINT "TelemetryReport_userId_fkey";
ALTER TABLE "TelemetryReport" DROP CONSTRAINT "TelemetryReport_clusterId_fkey";
ALTER TABLE "TelemetryReport" DROP CONSTRAINT "TelemetryReport_policyVersionId_fkey";

ALTER TABLE "TelemetryReport" ADD CONSTRAINT "TelemetryReport_clusterId_userId_fkey" FOREIGN KEY ("clusterId", "userId") REFERENCES "Cluster"("id", "userId") ON DELETE CASCADE ON UPDATE CASCADE;
