-- CreateEnum
CREATE TYPE "NoticeCampaignStatus" AS ENUM ('RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "NoticeDeliveryStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "NoticeCampaign" (
    "id" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT 'ALL',
    "status" "NoticeCampaignStatus" NOT NULL DEFAULT 'RUNNING',
    "ratePerSecond" INTEGER NOT NULL DEFAULT 50,
    "total" INTEGER NOT NULL DEFAULT 0,
    "materializedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "NoticeCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" "NoticeDeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastCode" INTEGER,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyBannerDismissal" (
    "userId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyBannerDismissal_pkey" PRIMARY KEY ("userId","policyVersionId")
);

-- CreateTable
CREATE TABLE "PolicyNoticePreference" (
    "userId" TEXT NOT NULL,
    "minorChanges" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyNoticePreference_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeCampaign_policyVersionId_key" ON "NoticeCampaign"("policyVersionId");

-- CreateIndex
CREATE INDEX "NoticeDelivery_campaignId_status_nextAttemptAt_idx" ON "NoticeDelivery"("campaignId", "status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_userId_policyVersionId_key" ON "NoticeDelivery"("userId", "policyVersionId");

-- AddForeignKey
ALTER TABLE "NoticeCampaign" ADD CONSTRAINT "NoticeCampaign_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "NoticeCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyBannerDismissal" ADD CONSTRAINT "PolicyBannerDismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyNoticePreference" ADD CONSTRAINT "PolicyNoticePreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Published policy versions are immutable (the domain layer refuses too; this
-- catches any other writer).
CREATE OR REPLACE FUNCTION policy_version_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'PUBLISHED' THEN
      RAISE EXCEPTION 'published policy version % is immutable', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'PUBLISHED' AND (
       NEW.status IS DISTINCT FROM OLD.status OR NEW.markdown IS DISTINCT FROM OLD.markdown
    OR NEW.summary IS DISTINCT FROM OLD.summary OR NEW."isSubstantive" IS DISTINCT FROM OLD."isSubstantive"
    OR NEW."effectiveAt" IS DISTINCT FROM OLD."effectiveAt" OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt"
    OR NEW.version IS DISTINCT FROM OLD.version OR NEW."documentId" IS DISTINCT FROM OLD."documentId"
    OR NEW."overrideReason" IS DISTINCT FROM OLD."overrideReason") THEN
    RAISE EXCEPTION 'published policy version % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER policy_version_immutable
  BEFORE UPDATE OR DELETE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION policy_version_immutable();
