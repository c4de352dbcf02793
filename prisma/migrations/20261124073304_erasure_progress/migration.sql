-- AlterTable
ALTER TABLE "Erasure" ADD COLUMN     "progress" JSONB NOT NULL DEFAULT '{}';
