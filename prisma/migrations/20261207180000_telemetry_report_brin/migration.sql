-- Issue 20: the time index of telemetry reports becomes a BRIN index. Reports are inserted
-- in receivedAt order, so a block range index serves the range scans on receivedAt alone
-- (the retention purge, the weekly statistics) while costing the batch INSERT almost
-- nothing per row (a B-tree insert per report was about a tenth of PostgreSQL's CPU per
-- stored report). Per-owner and per-install reads keep their B-trees.
DROP INDEX "TelemetryReport_receivedAt_idx";

CREATE INDEX "TelemetryReport_receivedAt_idx" ON "TelemetryReport" USING brin ("receivedAt");
