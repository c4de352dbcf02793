-- CreateEnum
CREATE TYPE "NoticeCampaignKind" AS ENUM ('POLICY', 'BREACH');

-- CreateEnum
CREATE TYPE "BreachStatus" AS ENUM ('DRAFT', 'SENT');

-- CreateEnum
CREATE TYPE "LegalRequestDecision" AS ENUM ('DISCLOSED', 'PARTIAL', 'REFUSED');

-- AlterTable
ALTER TABLE "NoticeCampaign" ADD COLUMN     "breachId" TEXT,
ADD COLUMN     "kind" "NoticeCampaignKind" NOT NULL DEFAULT 'POLICY',
ALTER COLUMN "policyVersionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "NoticeDelivery" ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ALTER COLUMN "policyVersionId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Breach" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "whatHappened" TEXT NOT NULL,
    "occurredFrom" TIMESTAMP(3) NOT NULL,
    "occurredTo" TIMESTAMP(3),
    "discoveredAt" TIMESTAMP(3) NOT NULL,
    "dataInvolved" TEXT NOT NULL,
    "whatWeDid" TEXT NOT NULL,
    "whatToDo" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT 'ALL',
    "audienceEmails" TEXT[],
    "audienceCategories" TEXT[],
    "audienceFrom" TIMESTAMP(3),
    "audienceTo" TIMESTAMP(3),
    "status" "BreachStatus" NOT NULL DEFAULT 'DRAFT',
    "sentAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Breach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalRequest" (
    "id" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "dataRequested" TEXT NOT NULL,
    "dataDisclosed" TEXT NOT NULL DEFAULT '',
    "decision" "LegalRequestDecision" NOT NULL,
    "goodFaithReason" TEXT,
    "prohibitedUntil" TIMESTAMP(3),
    "prohibitionNote" TEXT,
    "notifiedAt" TIMESTAMP(3),
    "lastReminderAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LegalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalRequestSubject" (
    "id" TEXT NOT NULL,
    "legalRequestId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "notifiedAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "LegalRequestSubject_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Breach_createdAt_idx" ON "Breach"("createdAt");

-- CreateIndex
CREATE INDEX "LegalRequest_receivedAt_idx" ON "LegalRequest"("receivedAt");

-- CreateIndex
CREATE INDEX "LegalRequest_notifiedAt_prohibitedUntil_idx" ON "LegalRequest"("notifiedAt", "prohibitedUntil");

-- CreateIndex
CREATE INDEX "LegalRequestSubject_userId_idx" ON "LegalRequestSubject"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LegalRequestSubject_legalRequestId_userId_key" ON "LegalRequestSubject"("legalRequestId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeCampaign_breachId_key" ON "NoticeCampaign"("breachId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_campaignId_userId_key" ON "NoticeDelivery"("campaignId", "userId");

-- AddForeignKey
ALTER TABLE "NoticeCampaign" ADD CONSTRAINT "NoticeCampaign_breachId_fkey" FOREIGN KEY ("breachId") REFERENCES "Breach"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalRequestSubject" ADD CONSTRAINT "LegalRequestSubject_legalRequestId_fkey" FOREIGN KEY ("legalRequestId") REFERENCES "LegalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalRequestSubject" ADD CONSTRAINT "LegalRequestSubject_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
