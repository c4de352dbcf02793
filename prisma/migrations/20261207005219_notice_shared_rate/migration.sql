-- AlterTable
ALTER TABLE "NoticeCampaign" ADD COLUMN     "rateNextSlotAt" TIMESTAMP(3);
