-- CreateEnum
CREATE TYPE "RequestEventKind" AS ENUM ('STATUS', 'MESSAGE', 'ASSIGNMENT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RequestStatus" ADD VALUE 'ACKNOWLEDGED';
ALTER TYPE "RequestStatus" ADD VALUE 'WITHDRAWN';

-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "awaitingSubjectSince" TIMESTAMP(3),
ADD COLUMN     "denialReason" TEXT,
ADD COLUMN     "exportJobId" TEXT,
ADD COLUMN     "extensionReason" TEXT,
ADD COLUMN     "initialDueAt" TIMESTAMP(3),
ADD COLUMN     "isOpen" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "lastReminderAt" TIMESTAMP(3),
ADD COLUMN     "objectionScope" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "resolution" TEXT,
ADD COLUMN     "stlNotice" TEXT,
ADD COLUMN     "stlYear" INTEGER,
ADD COLUMN     "verificationMethod" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PrivacyRequestEvent" ADD COLUMN     "byTeam" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "kind" "RequestEventKind" NOT NULL DEFAULT 'STATUS';

-- AlterTable
ALTER TABLE "ExportJob" ADD COLUMN     "privacyRequestId" TEXT;

-- CreateIndex
CREATE INDEX "PrivacyRequest_isOpen_dueAt_idx" ON "PrivacyRequest"("isOpen", "dueAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_createdAt_idx" ON "PrivacyRequest"("createdAt");

-- Requests filed before these columns existed: closed ones are not open; their first deadline is the one they have.
UPDATE "PrivacyRequest" SET "isOpen" = false WHERE status IN ('COMPLETED', 'DENIED');
UPDATE "PrivacyRequest" SET "initialDueAt" = "dueAt" WHERE "initialDueAt" IS NULL;
