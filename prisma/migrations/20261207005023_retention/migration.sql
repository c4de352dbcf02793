-- CreateTable
CREATE TABLE "RetentionRule" (
    "target" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByRef" TEXT,

    CONSTRAINT "RetentionRule_pkey" PRIMARY KEY ("target")
);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "asOf" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionRunItem" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "cutoff" TIMESTAMP(3) NOT NULL,
    "rows" INTEGER NOT NULL,
    "files" INTEGER NOT NULL DEFAULT 0,
    "oldestKept" TIMESTAMP(3),
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "RetentionRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RetentionRun_startedAt_idx" ON "RetentionRun"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRunItem_runId_target_key" ON "RetentionRunItem"("runId", "target");

-- CreateIndex
CREATE INDEX "ServerLogRecord_occurredAt_idx" ON "ServerLogRecord"("occurredAt");

-- CreateIndex
CREATE INDEX "TelemetryReport_receivedAt_idx" ON "TelemetryReport"("receivedAt");

-- CreateIndex
CREATE INDEX "CrashReport_occurredAt_idx" ON "CrashReport"("occurredAt");

-- CreateIndex
CREATE INDEX "Inference_inferredAt_idx" ON "Inference"("inferredAt");

-- CreateIndex
CREATE INDEX "EmailEvent_occurredAt_idx" ON "EmailEvent"("occurredAt");

-- AddForeignKey
ALTER TABLE "RetentionRunItem" ADD CONSTRAINT "RetentionRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RetentionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
