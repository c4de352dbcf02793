-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ParentRequestStatus" ADD VALUE 'AWAITING_PARENT_REVIEW';
ALTER TYPE "ParentRequestStatus" ADD VALUE 'ERASING';

-- AlterTable
ALTER TABLE "ParentRequest" DROP COLUMN "resolution",
ADD COLUMN     "accessTokenSealed" TEXT,
ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "confirmExpiresAt" TIMESTAMP(3),
ADD COLUMN     "confirmTokenHash" TEXT,
ADD COLUMN     "counts" JSONB,
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedByRef" TEXT,
ADD COLUMN     "decisionReason" TEXT,
ADD COLUMN     "details" TEXT,
ADD COLUMN     "matchedAt" TIMESTAMP(3),
ADD COLUMN     "matchedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "parentConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "reviewDeadline" TIMESTAMP(3),
ADD COLUMN     "reviewFirst" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "verificationMethod" TEXT,
ADD COLUMN     "verificationNote" TEXT;

-- AlterTable
ALTER TABLE "ExportJob" ADD COLUMN     "parentRequestId" TEXT;

-- CreateTable
CREATE TABLE "ParentExportLink" (
    "id" TEXT NOT NULL,
    "parentRequestId" TEXT NOT NULL,
    "exportJobId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParentExportLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ParentExportLink_exportJobId_key" ON "ParentExportLink"("exportJobId");

-- CreateIndex
CREATE UNIQUE INDEX "ParentRequest_confirmTokenHash_key" ON "ParentRequest"("confirmTokenHash");

-- AddForeignKey
ALTER TABLE "ParentExportLink" ADD CONSTRAINT "ParentExportLink_parentRequestId_fkey" FOREIGN KEY ("parentRequestId") REFERENCES "ParentRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParentExportLink" ADD CONSTRAINT "ParentExportLink_exportJobId_fkey" FOREIGN KEY ("exportJobId") REFERENCES "ExportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
