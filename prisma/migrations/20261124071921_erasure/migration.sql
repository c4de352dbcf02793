-- CreateEnum
CREATE TYPE "ErasureStatus" AS ENUM ('QUEUED', 'RUNNING', 'ERASED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "ErasureRequester" AS ENUM ('SELF', 'PRIVACY_REQUEST', 'PARENT_REQUEST');

-- DropForeignKey
ALTER TABLE "PrivacyRequest" DROP CONSTRAINT "PrivacyRequest_userId_fkey";

-- AlterTable
ALTER TABLE "PrivacyRequest" ALTER COLUMN "userId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PersonKey" (
    "userId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "key" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonKey_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Erasure" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "subjectRef" TEXT NOT NULL,
    "status" "ErasureStatus" NOT NULL DEFAULT 'QUEUED',
    "requester" "ErasureRequester" NOT NULL,
    "requesterRef" TEXT,
    "actorRef" TEXT,
    "receiptEmail" TEXT,
    "sendReceipt" BOOLEAN NOT NULL DEFAULT true,
    "onCompleteQueue" TEXT,
    "onCompleteData" JSONB,
    "counts" JSONB,
    "step" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "heartbeatAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Erasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailSuppression" (
    "hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailSuppression_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "PersonKey_ref_key" ON "PersonKey"("ref");

-- CreateIndex
CREATE INDEX "Erasure_status_heartbeatAt_idx" ON "Erasure"("status", "heartbeatAt");

-- CreateIndex
CREATE INDEX "Erasure_userId_idx" ON "Erasure"("userId");

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonKey" ADD CONSTRAINT "PersonKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
